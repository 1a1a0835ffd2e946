"""Choosing sessions (domain/sessions.py): a seat of the session if one is free, else a place
in its own line; leaving one gives its seat to the first in line in the same transaction, so
nobody who arrives meanwhile takes it ahead of them. Seats move by conditional UPDATEs on
the session's row (seats.py's rule: the lock as late as possible, availability checked
under it), sessions in item order so that two people's choices never wait on each other.
These flush through the caller's session; the caller commits."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.sessions import checked, offered
from services.registrations.storage.sessions import SessionChoice, SessionSeats
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases import agendas
from shared.contracts import EventSnapshotV1
from shared.db import execute_core

SEATS = SessionSeats.__table__  # type: ignore[attr-defined]  # a table model's
CHOICES = SessionChoice.__table__  # type: ignore[attr-defined]
THIS_SESSION = (SEATS.c.event_id == bindparam("event"), SEATS.c.item_id == bindparam("item"))
TAKE = (
    update(SEATS)
    .where(*THIS_SESSION, SEATS.c.taken < SEATS.c.capacity)
    .values(taken=SEATS.c.taken + 1)
    .returning(SEATS.c.taken)
)
RELEASE = update(SEATS).where(*THIS_SESSION, SEATS.c.taken > 0).values(taken=SEATS.c.taken - 1)
NEXT_PLACE = (
    update(SEATS)
    .where(*THIS_SESSION)
    .values(waitlist_counter=SEATS.c.waitlist_counter + 1)
    .returning(SEATS.c.waitlist_counter)
)
PROMOTE = (
    update(CHOICES)
    .where(
        CHOICES.c.registration_id == bindparam("registration"),
        CHOICES.c.item_id == bindparam("item"),
        CHOICES.c.seated.is_(False),
    )
    .values(seated=True, position=None)
    .returning(CHOICES.c.registration_id)
)


async def keep_capacities(session: AsyncSession, snapshot: EventSnapshotV1) -> None:
    """Each session's seats as the programme now gives them; seats added go to those
    waiting, first in line first (each told)."""
    promoted: list[str] = []
    for found in offered(snapshot).values():
        seats = await session.get(SessionSeats, (snapshot.id, found.item_id))
        if seats is None:
            session.add(
                SessionSeats(event_id=snapshot.id, item_id=found.item_id, capacity=found.seats)
            )
            continue
        grown = found.seats > seats.capacity
        seats.capacity = found.seats
        session.add(seats)
        await session.flush()
        if grown:
            while first := await _promote_first(session, snapshot.id, found.item_id):
                promoted.append(first)
    if promoted:
        await agendas.tell(session, snapshot.id, promoted, now=datetime.now(UTC))


async def choose(
    session: AsyncSession,
    *,
    registration: Registration,
    event: EventCopy,
    wanted: Iterable[int],
    now: datetime,
) -> dict[int, SessionChoice]:
    """The person's choices made `wanted` (all of them: a session left out is left);
    SessionsRefused, before anything changes, for choices that cannot be held together."""
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    chosen = {found.item_id for found in checked(wanted, offered(snapshot))}
    held = await choices_of(session, registration.id)
    if chosen == set(held):
        return held
    promoted: list[str | None] = []
    for item_id in sorted(set(held) - chosen):
        promoted.append(await _leave(session, held.pop(item_id)))
    for item_id in sorted(chosen - set(held)):
        held[item_id] = await _join(session, registration, event.event_id, item_id, now)
    changed = [registration.id, *(found for found in promoted if found)]
    await agendas.tell(session, event.event_id, changed, now=now)
    return held


async def leave_all(
    session: AsyncSession, registration_id: str, event_id: str, *, now: datetime
) -> None:
    """A cancelled registration's sessions, each seat given on (everyone told)."""
    held = await choices_of(session, registration_id)
    if not held:
        return
    promoted = [await _leave(session, held[item_id]) for item_id in sorted(held)]
    changed = [registration_id, *(found for found in promoted if found)]
    await agendas.tell(session, event_id, changed, now=now)


@dataclass(frozen=True)
class SessionList:
    item_id: int
    title: str
    capacity: int
    seated: list[tuple[SessionChoice, Registration]]
    waiting: list[tuple[SessionChoice, Registration]]  # first in line first


async def lists(session: AsyncSession, event: EventCopy) -> list[SessionList]:
    """Each session of the event with seats: who holds one (by when they chose), who waits."""
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    found = await session.exec(
        select(SessionChoice, Registration)
        .join(Registration, col(Registration.id) == col(SessionChoice.registration_id))
        .where(SessionChoice.event_id == event.event_id)
        .order_by(col(SessionChoice.position), col(SessionChoice.chosen_at))
    )
    by_item: dict[int, list[tuple[SessionChoice, Registration]]] = {}
    for choice, registration in found.all():
        by_item.setdefault(choice.item_id, []).append((choice, registration))
    return [
        SessionList(
            item_id=item_id,
            title=offer.title,
            capacity=offer.seats,
            seated=[pair for pair in by_item.get(item_id, []) if pair[0].seated],
            waiting=[pair for pair in by_item.get(item_id, []) if not pair[0].seated],
        )
        for item_id, offer in offered(snapshot).items()
    ]


async def choices_of(session: AsyncSession, registration_id: str) -> dict[int, SessionChoice]:
    found = await session.exec(
        select(SessionChoice).where(SessionChoice.registration_id == registration_id)
    )
    return {choice.item_id: choice for choice in found.all()}


async def _join(
    session: AsyncSession, registration: Registration, event_id: str, item_id: int, now: datetime
) -> SessionChoice:
    where = {"event": event_id, "item": item_id}
    seat = (await execute_core(session, TAKE, where)).first()
    place = None if seat else (await execute_core(session, NEXT_PLACE, where)).scalar_one()
    choice = SessionChoice(
        registration_id=registration.id,
        item_id=item_id,
        event_id=event_id,
        seated=seat is not None,
        position=place,
        chosen_at=now,
    )
    session.add(choice)
    return choice


async def _leave(session: AsyncSession, choice: SessionChoice) -> str | None:
    """Leave one session; the registration given the seat, if one was."""
    await session.delete(choice)
    await session.flush()
    if not choice.seated:
        return None
    where = {"event": choice.event_id, "item": choice.item_id}
    await execute_core(session, RELEASE, where)
    return await _promote_first(session, choice.event_id, choice.item_id)


async def _promote_first(session: AsyncSession, event_id: str, item_id: int) -> str | None:
    """The first in the session's line gets the free seat, if there is one and someone
    waits: the seat is taken first (under the session row's lock), then given. Returns
    the registration that got it."""
    where: dict[str, Any] = {"event": event_id, "item": item_id}
    if (await execute_core(session, TAKE, where)).first() is None:
        return None
    while (first := await _first_in_line(session, event_id, item_id)) is not None:
        promoted = await execute_core(session, PROMOTE, where | {"registration": first})
        if promoted.first() is not None:  # else promoted meanwhile by another: the next
            return first
    await execute_core(session, RELEASE, where)  # nobody waits: the seat stays free
    return None


async def _first_in_line(session: AsyncSession, event_id: str, item_id: int) -> str | None:
    found = await session.exec(
        select(SessionChoice.registration_id)
        .where(
            SessionChoice.event_id == event_id,
            SessionChoice.item_id == item_id,
            col(SessionChoice.seated).is_(False),
        )
        .order_by(col(SessionChoice.position))
        .limit(1)
    )
    return found.first()

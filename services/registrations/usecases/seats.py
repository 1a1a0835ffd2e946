"""Seats, counted with conditional UPDATEs on the event's row: the row lock is taken as late
as possible and availability is checked under it, so no rush can overbook (pretix's rule).
These helpers flush through the caller's session; the use case commits."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import bindparam, update
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life
from services.registrations.domain.guards import Given, near_start
from services.registrations.domain.registration_life import Action, RegistrationStep, Status
from services.registrations.storage.tables import EventCopy, FormSettings, Registration
from services.registrations.usecases.availability import RETURNED, follow_seats
from services.registrations.usecases.facts import Links, fact_of
from shared.db import execute_core
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"
PROMOTIONS = (Action.PROMOTE, Action.OFFER)  # the guards choose by how near the start is


EVENTS = EventCopy.__table__  # type: ignore[attr-defined]  # a table model's
REGISTRATIONS = Registration.__table__  # type: ignore[attr-defined]
# The counts each seat UPDATE returns (availability.RETURNED), as the table's columns.
COUNTS = [EVENTS.c[cast(QueryableAttribute[Any], column).key] for column in RETURNED]
SEAT_COLUMNS = {
    "in_person": ("seats_taken", "capacity"),
    "online": ("online_seats_taken", "online_capacity"),
}


def _seat_update(mode: str, change: int, *, within_capacity: bool) -> Any:
    """The UPDATE that moves one seat of `mode` by `change`, built once per kind below: Core
    on the table, since the ORM's UPDATE costs six times as much (shared.db.execute_core)."""
    taken, capacity = (EVENTS.c[name] for name in SEAT_COLUMNS[mode])
    where = [EVENTS.c.event_id == bindparam("id")]
    if within_capacity:
        where += [capacity.is_not(None), taken < capacity]
    if change < 0:
        where.append(taken > 0)
    return update(EVENTS).where(*where).values({taken: taken + change}).returning(*COUNTS)


TAKE = {mode: _seat_update(mode, 1, within_capacity=True) for mode in SEAT_COLUMNS}
FORCE = {mode: _seat_update(mode, 1, within_capacity=False) for mode in SEAT_COLUMNS}
RELEASE = {mode: _seat_update(mode, -1, within_capacity=False) for mode in SEAT_COLUMNS}
NEXT_POSITION = (
    update(EVENTS)
    .where(EVENTS.c.event_id == bindparam("id"))
    .values(waitlist_counter=EVENTS.c.waitlist_counter + 1)
    .returning(EVENTS.c.waitlist_counter)
)


def seat_counts(event: EventCopy, mode: str) -> tuple[int, int | None]:
    """(seats taken, capacity) of the room or the online stream, as the row was read."""
    if mode == "online":
        return event.online_seats_taken, event.online_capacity
    return event.seats_taken, event.capacity


async def _move_seat(
    session: AsyncSession, statements: dict[str, Any], event_id: str, mode: str
) -> Sequence[Any] | None:
    """Run a seat UPDATE; the counts it returned (None: no row matched), also written into
    the event's row if the session holds it, as the ORM's UPDATE would have."""
    statement = statements["online" if mode == "online" else "in_person"]
    row = (await execute_core(session, statement, {"id": event_id})).first()
    if row is not None:
        _keep_in_step(session, event_id, dict(zip((c.key for c in COUNTS), row, strict=True)))
    return row


def _keep_in_step(session: AsyncSession, event_id: str, values: dict[str, Any]) -> None:
    held_objects = session.sync_session.identity_map
    if not held_objects:  # registering holds none: no identity key to build
        return
    held = held_objects.get(identity_key(EventCopy, event_id))
    for name, value in values.items() if held is not None else ():
        set_committed_value(held, name, value)


async def take_seat(session: AsyncSession, event_id: str, mode: str) -> bool:
    """One seat in `mode` if one is free; False when the room (or the stream) is full. The
    band the public pages show is published when this seat changed it."""
    row = await _move_seat(session, TAKE, event_id, mode)
    if row is None:
        return False
    await follow_seats(session, event_id, row)
    return True


async def force_seat(session: AsyncSession, event_id: str, mode: str) -> None:
    """A seat beyond capacity: only an organizer's explicit decision does this."""
    await _follow(session, event_id, await _move_seat(session, FORCE, event_id, mode))


async def release_seat(
    session: AsyncSession, event_id: str, mode: str, *, announce: bool = True
) -> Sequence[Any] | None:
    """One seat fewer taken; returns the counts. `announce=False` leaves the band to the
    caller, who may give the seat on at once (no 'one place left' between the two)."""
    row = await _move_seat(session, RELEASE, event_id, mode)
    if announce:
        await _follow(session, event_id, row)
    return row


async def _follow(session: AsyncSession, event_id: str, row: Sequence[Any] | None) -> None:
    if row is not None:
        await follow_seats(session, event_id, row)


async def next_waitlist_position(session: AsyncSession, event_id: str) -> int:
    """The next number in arrival order, handed out under the event row's lock."""
    position = int((await execute_core(session, NEXT_POSITION, {"id": event_id})).scalar_one())
    _keep_in_step(session, event_id, {"waitlist_counter": position})
    return position


# Built once: every waitlisted registration runs it.
AHEAD = select(func.count()).where(
    REGISTRATIONS.c.event_id == bindparam("event_id"),
    REGISTRATIONS.c.status == Status.WAITLISTED.value,
    REGISTRATIONS.c.mode == bindparam("mode"),
    REGISTRATIONS.c.waitlist_position < bindparam("position"),
)


async def waitlist_place(session: AsyncSession, registration: Registration) -> int:
    """The place a waitlisted person sees: how many are ahead of them, plus one."""
    ahead = await execute_core(
        session,
        AHEAD,
        {
            "event_id": registration.event_id,
            "mode": registration.mode,
            "position": registration.waitlist_position or 0,
        },
    )
    return int(ahead.scalar_one()) + 1


async def promote_next(
    session: AsyncSession,
    event: EventCopy,
    settings: FormSettings,
    mode: str,
    *,
    links: Links,
    now: datetime,
) -> Registration | None:
    """Give a freed seat to the first waitlisted person: offered, or confirmed at once when
    the event is near. Exactly one person gets it, even when cancellations race: the status
    change is conditional, and a lost race moves on to the next in line."""
    if not settings.waitlist:
        return None
    near = near_start(event.starts_at, now, settings.near_event_hours)
    given = Given(now=now, seat_taken=True, near=near)
    for candidate in await _first_waitlisted(session, event.event_id, mode):
        if not await take_seat(session, event.event_id, mode):
            return None
        step = registration_life.TABLE.pick(candidate, PROMOTIONS, given)
        if step is not None and await _claim(session, candidate, step, settings, now):
            await session.refresh(candidate)
            announced = fact_of(step, candidate, event, links, now)
            add_to_outbox(session, announced, source=SOURCE)
            return candidate
        await release_seat(session, event.event_id, mode)
    return None


async def _first_waitlisted(session: AsyncSession, event_id: str, mode: str) -> list[Registration]:
    found = await session.exec(
        select(Registration)
        .where(
            Registration.event_id == event_id,
            Registration.status == Status.WAITLISTED,
            Registration.mode == mode,
        )
        .order_by(col(Registration.waitlist_position))
        .limit(5)
    )
    return list(found.all())


async def _claim(
    session: AsyncSession,
    candidate: Registration,
    step: RegistrationStep,
    settings: FormSettings,
    now: datetime,
) -> bool:
    """Make the move unless another writer moved the candidate first (the WHERE keeps the
    status it had when it was read)."""
    values: dict[str, object] = {**step.values()}
    if step.to is Status.OFFERED:
        values["offers"] = Registration.offers + 1
        values["offer_expires_at"] = now + timedelta(hours=settings.offer_hours)
    result = await session.exec(
        update(Registration)
        .where(col(Registration.id) == candidate.id, col(Registration.status) == step.origin)
        .values(values)
    )
    return result.rowcount == 1

"""Seats, counted with conditional UPDATEs on the event's row: the row lock is taken as late
as possible and availability is checked under it, so no rush can overbook (pretix's rule).
These helpers flush through the caller's session; the use case commits."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Mapped
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life
from services.registrations.domain.guards import Given, near_start
from services.registrations.domain.registration_life import Action, RegistrationStep, Status
from services.registrations.storage.tables import EventCopy, FormSettings, Registration
from services.registrations.usecases.availability import RETURNED, follow_seats
from services.registrations.usecases.facts import Links, fact_of
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"
PROMOTIONS = (Action.PROMOTE, Action.OFFER)  # the guards choose by how near the start is


def _columns(mode: str) -> tuple[Mapped[int], Mapped[int | None]]:
    """(seats taken, capacity) of the room or of the online stream."""
    if mode == "online":
        return col(EventCopy.online_seats_taken), col(EventCopy.online_capacity)
    return col(EventCopy.seats_taken), col(EventCopy.capacity)


def seat_counts(event: EventCopy, mode: str) -> tuple[int, int | None]:
    """(seats taken, capacity) of the room or the online stream, as the row was read."""
    if mode == "online":
        return event.online_seats_taken, event.online_capacity
    return event.seats_taken, event.capacity


async def take_seat(session: AsyncSession, event_id: str, mode: str) -> bool:
    """One seat in `mode` if one is free; False when the room (or the stream) is full. The
    band the public pages show is published when this seat changed it."""
    taken, capacity = _columns(mode)
    result = await session.exec(
        update(EventCopy)
        .where(col(EventCopy.event_id) == event_id, capacity.is_not(None), taken < capacity)
        .values({taken: taken + 1})
        .returning(*RETURNED)
    )
    row = result.first()
    if row is None:
        return False
    await follow_seats(session, event_id, row)
    return True


async def force_seat(session: AsyncSession, event_id: str, mode: str) -> None:
    """A seat beyond capacity: only an organizer's explicit decision does this."""
    taken, _ = _columns(mode)
    result = await session.exec(
        update(EventCopy)
        .where(col(EventCopy.event_id) == event_id)
        .values({taken: taken + 1})
        .returning(*RETURNED)
    )
    await _follow(session, event_id, result.first())


async def release_seat(
    session: AsyncSession, event_id: str, mode: str, *, announce: bool = True
) -> Sequence[Any] | None:
    """One seat fewer taken; returns the counts. `announce=False` leaves the band to the
    caller, who may give the seat on at once (no 'one place left' between the two)."""
    taken, _ = _columns(mode)
    result = await session.exec(
        update(EventCopy)
        .where(col(EventCopy.event_id) == event_id, taken > 0)
        .values({taken: taken - 1})
        .returning(*RETURNED)
    )
    row = result.first()
    if announce:
        await _follow(session, event_id, row)
    return row


async def _follow(session: AsyncSession, event_id: str, row: Sequence[Any] | None) -> None:
    if row is not None:
        await follow_seats(session, event_id, row)


async def next_waitlist_position(session: AsyncSession, event_id: str) -> int:
    """The next number in arrival order, handed out under the event row's lock."""
    result = await session.exec(
        update(EventCopy)
        .where(col(EventCopy.event_id) == event_id)
        .values(waitlist_counter=EventCopy.waitlist_counter + 1)
        .returning(col(EventCopy.waitlist_counter))
    )
    return int(result.scalar_one())


# Built once: every waitlisted registration runs it (see event_copy.BY_SLUG).
AHEAD = select(func.count()).where(
    col(Registration.event_id) == bindparam("event_id"),
    col(Registration.status) == Status.WAITLISTED,
    col(Registration.mode) == bindparam("mode"),
    col(Registration.waitlist_position) < bindparam("position"),
)


async def waitlist_place(session: AsyncSession, registration: Registration) -> int:
    """The place a waitlisted person sees: how many are ahead of them, plus one."""
    ahead = await session.exec(
        AHEAD,
        params={
            "event_id": registration.event_id,
            "mode": registration.mode,
            "position": registration.waitlist_position or 0,
        },
    )
    return int(ahead.one()) + 1


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

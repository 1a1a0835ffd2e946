"""Publishing an event's availability band when it changes, in the transaction that changed
it. The seat UPDATEs return the counts (RETURNING), so a registration that leaves the band
as it was costs nothing more; a change costs one UPDATE of the band and one outbox row."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.availability import Band, Seats, band_by_seats, with_waitlist
from services.registrations.storage.tables import EventCopy, FormSettings
from shared.contracts import AvailabilityChangedV1
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"
# What a seat UPDATE returns, in this order: the counts, then the band last published.
RETURNED = (
    col(EventCopy.status),
    col(EventCopy.open_to_public),
    col(EventCopy.attendance_mode),
    col(EventCopy.capacity),
    col(EventCopy.seats_taken),
    col(EventCopy.online_capacity),
    col(EventCopy.online_seats_taken),
    col(EventCopy.availability_band),
    col(EventCopy.availability_places),
)


async def follow_seats(session: AsyncSession, event_id: str, row: Sequence[Any]) -> None:
    """After a seat UPDATE that returned RETURNED: publish the band if the counts moved it."""
    seats = Seats(*row[:7])
    published = Band.stored(row[7], row[8])
    by_seats = band_by_seats(seats)
    if by_seats == published.by_seats():
        return  # the usual case: nothing more to read or write
    await _publish_if_new(session, event_id, by_seats, published)


async def follow_event(session: AsyncSession, event: EventCopy) -> None:
    """After a new revision of the event (capacity, status) or of its form (waitlist)."""
    await session.flush()
    await session.refresh(event)  # the seat counts as bulk UPDATEs left them
    seats = Seats(
        event.status,
        event.open_to_public,
        event.attendance_mode,
        event.capacity,
        event.seats_taken,
        event.online_capacity,
        event.online_seats_taken,
    )
    published = Band.stored(event.availability_band, event.availability_places)
    await _publish_if_new(session, event.event_id, band_by_seats(seats), published)


async def _publish_if_new(
    session: AsyncSession, event_id: str, by_seats: Band, published: Band
) -> None:
    settings = await session.get(FormSettings, event_id) or FormSettings(event_id=event_id)
    band = with_waitlist(by_seats, settings.waitlist)
    if band == published or band.band == "":
        return
    result = await session.exec(
        update(EventCopy)
        .where(col(EventCopy.event_id) == event_id)
        .values(
            availability_band=band.band,
            availability_places=band.places_left,
            availability_revision=EventCopy.availability_revision + 1,
        )
        .returning(col(EventCopy.availability_revision))
    )
    fact = AvailabilityChangedV1(
        event_id=event_id,
        revision=int(result.scalar_one()),
        band=band.band,
        places_left=band.places_left,
        at=datetime.now(UTC),
    )
    add_to_outbox(session, fact, source=SOURCE)

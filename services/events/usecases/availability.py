"""What registrations says of each event's availability: kept per event (the newest
revision wins, whatever order the facts arrive in), read by the public pages."""

from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.storage.tables import EventAvailability
from shared.contracts import AvailabilityChangedV1


async def hear_availability(session: AsyncSession, *, fact: AvailabilityChangedV1) -> None:
    """Keep the band, unless a newer one is kept already (the caller commits)."""
    kept = await session.get(EventAvailability, fact.event_id)
    if kept is not None and kept.revision >= fact.revision:
        return
    kept = kept or EventAvailability(
        event_id=fact.event_id, revision=0, band=fact.band, changed_at=fact.at
    )
    kept.revision, kept.band, kept.places_left = fact.revision, fact.band, fact.places_left
    kept.changed_at = fact.at
    session.add(kept)


async def availability_of(
    session: AsyncSession, event_ids: Sequence[str]
) -> dict[str, EventAvailability]:
    """The band of each of these events that registrations has spoken of."""
    if not event_ids:
        return {}
    found = await session.exec(
        select(EventAvailability).where(col(EventAvailability.event_id).in_(list(event_ids)))
    )
    return {row.event_id: row for row in found.all()}

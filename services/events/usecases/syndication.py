"""An organization's public events as other websites take them: the upcoming ones for the
list a Comune embeds in its own site, and, for feed readers, those with the recently ended
ones, each with when it was first published and last revised."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.storage.tables import Event, EventRevision, Organization
from services.events.usecases import accounts, reading
from shared.contracts import EventSnapshotV1

# How long an ended event stays in a feed: a season, so that a reader polled now and then
# still sees what happened, while the feed stays short.
RECENT = timedelta(days=90)


@dataclass(frozen=True)
class Revised:
    """When an event was first published, and when its newest revision was."""

    published: datetime
    updated: datetime


@dataclass(frozen=True)
class Listing:
    organization: Organization
    events: list[EventSnapshotV1]
    revised: dict[str, Revised] = field(default_factory=dict)  # by event id; feeds only


async def upcoming(
    *, session: AsyncSession, organization: str, now: datetime, events_url: str, limit: int
) -> Listing:
    """The organization's next `limit` events, soonest first (cancelled ones too, so that
    a list on another site says so rather than letting the event vanish)."""
    found = await accounts.organization_by_slug(session, organization)
    events = await reading.public_events(
        session=session, now=now, events_url=events_url, organizer=organization
    )
    return Listing(found, events[:limit])


async def syndicated(
    *, session: AsyncSession, organization: str, now: datetime, events_url: str
) -> Listing:
    """The organization's upcoming events and those ended in the last RECENT, newest
    revision first, as feed readers show news."""
    found = await accounts.organization_by_slug(session, organization)
    events = await reading.public_events(
        session=session, now=now, events_url=events_url, when="all", organizer=organization
    )
    kept = [event for event in events if event.ends_at >= now - RECENT]
    revised = await _revised(session, [event.id for event in kept])
    kept.sort(key=lambda event: (revised[event.id].updated, event.starts_at), reverse=True)
    return Listing(found, kept, revised)


async def _revised(session: AsyncSession, event_ids: list[str]) -> dict[str, Revised]:
    """Revision 1 is the publication, and later ones only grow in time; an event published
    before revisions were recorded has only its creation to go by."""
    first = func.coalesce(func.min(EventRevision.created_at), Event.created_at)
    last = func.coalesce(func.max(EventRevision.created_at), Event.created_at)
    query = (
        select(Event.id, first, last)
        .outerjoin(EventRevision, col(EventRevision.event_id) == col(Event.id))
        .where(col(Event.id).in_(event_ids))
        .group_by(col(Event.id), col(Event.created_at))
    )
    rows = await session.exec(query)
    return {event_id: Revised(one, newest) for event_id, one, newest in rows.all()}

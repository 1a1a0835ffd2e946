"""Use cases of the events service: one function, one transaction, explicit session."""

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.slugs import slugify
from services.events.domain.snapshot import build_snapshot
from services.events.domain.times import maybe_utc, to_utc
from services.events.domain.validation import check_event
from services.events.models import Event, ItemSpeaker, Organization, ProgrammeItem, Speaker, Venue
from services.events.schemas import EventCreate, ProgrammeItemIn, SpeakerIn
from services.events.storage import get_or_create_organization, upsert_speaker, upsert_venue
from shared.contracts import EventPublishedV1, EventSnapshotV1
from shared.errors import Conflict, NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/events"


async def create_event(*, session: AsyncSession, payload: EventCreate) -> Event:
    """Store a new draft with its venue, programme and speakers."""
    check_event(payload)
    organization = await get_or_create_organization(session, payload.organization)
    slug = payload.slug or slugify(payload.title)
    if await _slug_taken(session, slug):
        raise Conflict(f"An event with the address '{slug}' exists already: choose another slug")
    venue = await upsert_venue(session, organization, payload.venue)
    moderator = (
        await upsert_speaker(session, organization, payload.moderator)
        if payload.moderator
        else None
    )
    event = _new_event(payload, slug, organization, venue, moderator)
    session.add(event)
    await _add_items(session, organization, event, payload.programme, parent_id=None)
    try:
        await session.commit()
    except IntegrityError as exc:  # the same slug, venue or speaker added at the same moment
        await session.rollback()
        raise Conflict("Another request stored the same data at the same moment: retry") from exc
    return event


def _new_event(
    payload: EventCreate,
    slug: str,
    organization: Organization,
    venue: Venue,
    moderator: Speaker | None,
) -> Event:
    tz = payload.timezone
    assert organization.id is not None and venue.id is not None
    return Event(
        organization_id=organization.id,
        slug=slug,
        title=payload.title,
        subtitle=payload.subtitle,
        description=payload.description,
        supporters=json.dumps(payload.supporters),
        timezone=tz,
        doors_open_at=maybe_utc(payload.doors_open_at, tz),
        doors_note=payload.doors_note,
        starts_at=to_utc(payload.starts_at, tz),
        ends_at=to_utc(payload.ends_at, tz),
        venue_id=venue.id,
        capacity=payload.capacity,
        registration_opens_at=maybe_utc(payload.registration_opens_at, tz),
        registration_closes_at=maybe_utc(payload.registration_closes_at, tz),
        language=payload.language,
        moderator_id=moderator.id if moderator else None,
    )


async def _slug_taken(session: AsyncSession, slug: str) -> bool:
    return (await session.exec(select(Event.id).where(Event.slug == slug))).first() is not None


async def _add_items(
    session: AsyncSession,
    organization: Organization,
    event: Event,
    items: list[ProgrammeItemIn],
    *,
    parent_id: int | None,
) -> None:
    for sort, entry in enumerate(items):
        item = ProgrammeItem(
            event_id=event.id,
            parent_id=parent_id,
            sort=sort,
            kind=entry.kind,
            title=entry.title,
            starts_at=maybe_utc(entry.starts_at, event.timezone),
            ends_at=maybe_utc(entry.ends_at, event.timezone),
        )
        session.add(item)
        await session.flush()
        await _link_speakers(session, organization, item, entry.speakers)
        await _add_items(session, organization, event, entry.items, parent_id=item.id)


async def _link_speakers(
    session: AsyncSession, organization: Organization, item: ProgrammeItem, people: list[SpeakerIn]
) -> None:
    assert item.id is not None
    linked: set[int] = set()
    for sort, person in enumerate(people):
        speaker = await upsert_speaker(session, organization, person)
        assert speaker.id is not None
        if speaker.id not in linked:  # the same person twice on one item is one appearance
            linked.add(speaker.id)
            session.add(
                ItemSpeaker(item_id=item.id, speaker_id=speaker.id, role=person.role, sort=sort)
            )


async def publish_event(
    *, session: AsyncSession, event_id: str, events_url: str
) -> EventSnapshotV1:
    """Make a draft public (revision 1) and announce it on the bus through the outbox."""
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound("No such event")
    if event.status != "draft":
        raise Conflict(f"The event is {event.status}, not a draft: it cannot be published again")
    event.status, event.revision = "published", 1
    snapshot = await load_snapshot(session, event, events_url=events_url)
    add_to_outbox(session, EventPublishedV1(event=snapshot), source=SOURCE)
    await session.commit()
    return snapshot


async def load_snapshot(session: AsyncSession, event: Event, *, events_url: str) -> EventSnapshotV1:
    """Read an event's rows and build its snapshot (no commit)."""
    organization = await session.get(Organization, event.organization_id)
    venue = await session.get(Venue, event.venue_id)
    assert organization is not None and venue is not None
    items = (
        await session.exec(select(ProgrammeItem).where(ProgrammeItem.event_id == event.id))
    ).all()
    links = await _links(session, items)
    speaker_ids = {link.speaker_id for link in links} | {event.moderator_id or 0}
    speakers = (await session.exec(select(Speaker).where(col(Speaker.id).in_(speaker_ids)))).all()
    return build_snapshot(
        event=event,
        organization=organization,
        venue=venue,
        items=items,
        links=links,
        speakers={s.id: s for s in speakers if s.id is not None},
        page_url=f"{events_url}/events/{event.slug}",
    )


async def _links(session: AsyncSession, items: Sequence[ProgrammeItem]) -> Sequence[ItemSpeaker]:
    ids = [item.id for item in items]
    return (await session.exec(select(ItemSpeaker).where(col(ItemSpeaker.item_id).in_(ids)))).all()


async def public_snapshot(*, session: AsyncSession, slug: str, events_url: str) -> EventSnapshotV1:
    """The public view of a published (or cancelled, or past) event; drafts stay hidden."""
    event = (await session.exec(select(Event).where(Event.slug == slug))).first()
    if event is None or event.status == "draft":
        raise NotFound("No event at this address")
    return await load_snapshot(session, event, events_url=events_url)


async def upcoming_events(
    *, session: AsyncSession, now: datetime, events_url: str
) -> list[EventSnapshotV1]:
    """Published events not yet over, soonest first."""
    events = (
        await session.exec(
            select(Event)
            .where(Event.status == "published", col(Event.ends_at) >= now)
            .order_by(col(Event.starts_at))
        )
    ).all()
    return [await load_snapshot(session, event, events_url=events_url) for event in events]

"""Organizers write events: drafts, then published revisions, cancellation, completion."""

import json
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Principal
from services.events.domain.changes import describe_changes, said
from services.events.domain.slugs import slugify
from services.events.domain.times import maybe_utc, to_utc
from services.events.domain.validation import check_event
from services.events.storage.tables import Event, EventRevision
from services.events.usecases.directory import resolve_item_speaker, resolve_venue
from services.events.usecases.programme import replace_programme
from services.events.usecases.reading import build_from_rows, published_snapshot
from services.events.web.schemas import EventIn
from shared.contracts import (
    ChangeV1,
    EventCancelledV1,
    EventPublishedV1,
    EventSnapshotV1,
    EventUpdatedV1,
)
from shared.errors import Conflict, Invalid, NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/events"
EDITABLE = ("draft", "published")


async def list_own_events(*, session: AsyncSession, principal: Principal) -> list[Event]:
    query = select(Event).where(Event.organization_id == principal.organization_id)
    return list((await session.exec(query.order_by(col(Event.starts_at).desc()))).all())


async def get_own_event(session: AsyncSession, principal: Principal, event_id: str) -> Event:
    """One of this organization's events; another organization's is simply not found."""
    event = await session.get(Event, event_id)
    if event is None or event.organization_id != principal.organization_id:
        raise NotFound("No such event among your organization's")
    return event


async def create_event(*, session: AsyncSession, principal: Principal, payload: EventIn) -> Event:
    """Store a new draft with its venue, programme and speakers."""
    principal.require("editor")
    check_event(payload)
    slug = payload.slug or slugify(payload.title)
    if (await session.exec(select(Event.id).where(Event.slug == slug))).first():
        raise Conflict(f"An event with the address '{slug}' exists already: choose another slug")
    event = Event(organization_id=principal.organization_id, slug=slug, title="", capacity=0)
    await _apply(session, principal, event, payload)
    await _commit(session)
    return event


async def update_event(
    *, session: AsyncSession, principal: Principal, event_id: str, payload: EventIn, events_url: str
) -> Event:
    """Replace an event's content; a published one gets a revision when something changed."""
    principal.require("editor")
    event = await get_own_event(session, principal, event_id)
    if event.status not in EDITABLE:
        raise Conflict(f"The event is {event.status}: it can no longer be changed")
    if event.status != "draft" and payload.slug not in (None, event.slug):
        raise Invalid("A published event keeps its address: leave slug out or unchanged")
    check_event(payload)
    await _apply(session, principal, event, payload)
    if event.status == "published":
        await _revise(session, principal, event, events_url=events_url)
    await _commit(session)
    return event


async def _apply(session: AsyncSession, principal: Principal, event: Event, given: EventIn) -> None:
    tz = given.timezone
    venue = await resolve_venue(session, principal, given.venue_id, given.venue)
    moderator = (
        await resolve_item_speaker(session, principal, given.moderator) if given.moderator else None
    )
    event.slug = given.slug or event.slug
    event.title, event.subtitle, event.description = given.title, given.subtitle, given.description
    event.co_organizers = json.dumps(
        [{"name": o.name, "slug": o.slug or slugify(o.name)} for o in given.co_organizers]
    )
    event.supporters = json.dumps(given.supporters)
    event.audience, event.topics = json.dumps(given.audience), json.dumps(given.topics)
    event.timezone, event.language = tz, given.language
    event.doors_open_at, event.doors_note = maybe_utc(given.doors_open_at, tz), given.doors_note
    event.starts_at, event.ends_at = to_utc(given.starts_at, tz), to_utc(given.ends_at, tz)
    event.times_announced, event.end_note = given.times_announced, given.end_note
    event.venue_id = venue.id  # type: ignore[assignment]
    event.attendance_mode, event.capacity = given.attendance_mode, given.capacity
    event.online_capacity, event.online_url = given.online_capacity, given.online_url
    event.open_to_public = given.open_to_public
    event.registration_opens_at = maybe_utc(given.registration_opens_at, tz)
    event.registration_closes_at = maybe_utc(given.registration_closes_at, tz)
    event.moderator_id = moderator.id if moderator else None
    event.reminder_hours_before = given.reminder_hours_before
    event.still_coming_days_before = given.still_coming_days_before
    event.thanks_after, event.notify_programme_changes = (
        given.thanks_after,
        given.notify_programme_changes,
    )
    session.add(event)
    await session.flush()
    await replace_programme(session, principal, event, given.programme)


async def _revise(
    session: AsyncSession, principal: Principal, event: Event, *, events_url: str
) -> None:
    """Compare with the last published revision; publish a new one if anything changed."""
    before = await published_snapshot(session, event, events_url=events_url)
    after = await build_from_rows(session, event, events_url=events_url)
    changes, relevant = describe_changes(before, after)
    if changes:
        snapshot = _next_revision(event, after, relevant)
        _record(session, event, snapshot, changes, relevant, principal.actor)
        fact = EventUpdatedV1(event=snapshot, changes=changes, calendar_relevant=relevant)
        add_to_outbox(session, fact, source=SOURCE)


def _next_revision(event: Event, snapshot: EventSnapshotV1, relevant: bool) -> EventSnapshotV1:
    event.revision += 1
    event.calendar_sequence += 1 if relevant else 0
    return snapshot.model_copy(
        update={"revision": event.revision, "calendar_sequence": event.calendar_sequence}
    )


def _record(
    session: AsyncSession,
    event: Event,
    snapshot: EventSnapshotV1,
    changes: tuple[ChangeV1, ...],
    relevant: bool,
    author: str,
) -> None:
    """Keep the revision in the history and as the snapshot readers see."""
    session.add(
        EventRevision(
            event_id=event.id,
            revision=snapshot.revision,
            author=author,
            changes=json.dumps([change.model_dump() for change in changes]),
            calendar_relevant=relevant,
            snapshot=snapshot.model_dump_json(),
        )
    )
    event.published_snapshot = snapshot.model_dump_json()
    session.add(event)


async def publish_event(
    *, session: AsyncSession, principal: Principal, event_id: str, events_url: str
) -> EventSnapshotV1:
    """Make a draft public (revision 1) and announce it on the bus through the outbox."""
    principal.require("editor")
    event = await get_own_event(session, principal, event_id)
    if event.status != "draft":
        raise Conflict(f"The event is {event.status}, not a draft: it cannot be published again")
    event.status, event.revision = "published", 1
    snapshot = await build_from_rows(session, event, events_url=events_url)
    _record(session, event, snapshot, (), False, principal.actor)
    add_to_outbox(session, EventPublishedV1(event=snapshot), source=SOURCE)
    await _commit(session)
    return snapshot


async def cancel_event(
    *,
    session: AsyncSession,
    principal: Principal,
    event_id: str,
    reason: str | None,
    events_url: str,
) -> EventSnapshotV1:
    """Call a published event off: calendars get a CANCEL, the page says so."""
    principal.require("editor")
    event = await get_own_event(session, principal, event_id)
    if event.status != "published":
        raise Conflict(f"Only a published event can be cancelled; this one is {event.status}")
    snapshot = await _close(session, principal, event, "cancelled", events_url=events_url)
    add_to_outbox(session, EventCancelledV1(event=snapshot, reason=reason), source=SOURCE)
    await _commit(session)
    return snapshot


async def complete_event(
    *,
    session: AsyncSession,
    principal: Principal,
    event_id: str,
    now: datetime,
    events_url: str,
) -> EventSnapshotV1:
    """Mark a published event that has ended as completed."""
    principal.require("editor")
    event = await get_own_event(session, principal, event_id)
    if event.status != "published" or event.ends_at > now:
        raise Conflict("Only a published event that has ended can be marked completed")
    snapshot = await _close(session, principal, event, "completed", events_url=events_url)
    change = said("completed")
    fact = EventUpdatedV1(event=snapshot, changes=(change,), calendar_relevant=False)
    add_to_outbox(session, fact, source=SOURCE)
    await _commit(session)
    return snapshot


async def _close(
    session: AsyncSession, principal: Principal, event: Event, status: str, *, events_url: str
) -> EventSnapshotV1:
    before = await published_snapshot(session, event, events_url=events_url)
    event.status = status
    after = before.model_copy(update={"status": status})
    changes, relevant = describe_changes(before, after)
    snapshot = _next_revision(event, after, relevant)
    _record(session, event, snapshot, changes, relevant, principal.actor)
    return snapshot


async def revisions(
    *, session: AsyncSession, principal: Principal, event_id: str
) -> list[EventRevision]:
    """The event's published revisions, newest first."""
    await get_own_event(session, principal, event_id)
    query = select(EventRevision).where(EventRevision.event_id == event_id)
    return list((await session.exec(query.order_by(col(EventRevision.revision).desc()))).all())


async def _commit(session: AsyncSession) -> None:
    try:
        await session.commit()
    except IntegrityError as exc:  # a slug, venue or speaker stored at the same moment
        await session.rollback()
        raise Conflict("Another request stored the same data at the same moment: retry") from exc

"""Organizers write events: drafts, then published revisions, cancellation, completion."""

import json
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.audit import What
from services.events.domain.changes import describe_changes, said
from services.events.domain.event_life import (
    INITIAL,
    PUBLIC,
    TABLE,
    EventAction,
    EventState,
    EventStep,
)
from services.events.domain.inputs import EventIn
from services.events.domain.slugs import slugify
from services.events.domain.times import maybe_utc, to_utc
from services.events.domain.validation import check_event
from services.events.storage.tables import Event, EventRevision
from services.events.usecases import audit
from services.events.usecases.directory import resolve_item_speaker, resolve_venue
from services.events.usecases.drafts import tell_draft
from services.events.usecases.programme import replace_programme
from services.events.usecases.reading import build_from_rows, published_snapshot
from services.events.usecases.revising import SOURCE, next_revision, record, revise
from shared.contracts import EventSnapshotV1
from shared.errors import Conflict, Invalid, NotFound
from shared.outbox import add_to_outbox


async def list_own_events(*, session: AsyncSession, principal: Principal) -> list[Event]:
    query = select(Event).where(Event.organization_id == principal.organization_id)
    return list((await session.exec(query.order_by(col(Event.starts_at).desc()))).all())


async def get_own_event(session: AsyncSession, principal: Principal, event_id: str) -> Event:
    """One of this organization's events; another organization's is simply not found."""
    event = await session.get(Event, event_id)
    if event is None or event.organization_id != principal.organization_id:
        raise NotFound("No such event among your organization's")
    return event


async def create_event(
    *, session: AsyncSession, principal: Principal, payload: EventIn, events_url: str
) -> Event:
    """Store a new draft with its venue, programme and speakers; registrations hears of it."""
    principal.require(Action.EDIT)
    check_event(payload)
    slug = payload.slug or slugify(payload.title)
    if (await session.exec(select(Event.id).where(Event.slug == slug))).first():
        raise Conflict(f"An event with the address '{slug}' exists already: choose another slug")
    columns = await _columns(session, principal, payload, slug=slug)
    event = Event(organization_id=principal.organization_id, status=INITIAL.value, **columns)
    await _store(session, principal, event, payload)
    await tell_draft(session, event, events_url=events_url)
    audit.note(session, principal, What.EVENT_CREATED, subject=event.title, event_id=event.id)
    await commit(session)
    return event


async def update_event(
    *,
    session: AsyncSession,
    principal: Principal,
    event_id: str,
    payload: EventIn,
    events_url: str,
    publish: bool = True,
    notify: bool = True,
    restore: bool = False,
) -> Event:
    """Replace an event's content. A published one, with `publish`, gets a revision when
    something changed, announced to participants unless `notify` is False; without
    `publish` the edit is only saved, for the organizer to review and publish later
    (usecases/announcing.py). `restore`: programme items gone since are put back under
    their ids (discarding saved edits)."""
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    edit = step(event, EventAction.EDIT)
    if event.status in PUBLIC and payload.slug not in (None, event.slug):
        raise Invalid("A published event keeps its address: leave slug out or unchanged")
    check_event(payload)
    event.sqlmodel_update(await _columns(session, principal, payload, slug=event.slug))
    await _store(session, principal, event, payload, restore=restore)
    if edit.fact is not None and publish:  # published: readers hear of a new revision
        await revise(session, principal, event, edit, events_url=events_url, notify=notify)
    await tell_draft(session, event, events_url=events_url)  # a draft: registrations hears
    audit.note(session, principal, What.EVENT_EDITED, subject=event.title, event_id=event.id)
    await commit(session)
    return event


def step(event: Event, action: EventAction, now: datetime | None = None) -> EventStep:
    """The move `action` makes from the event's status; a 409 when its table has none."""
    return TABLE.step(EventState(status=event.status, ends_at=event.ends_at), action, now)


async def _columns(
    session: AsyncSession, principal: Principal, given: EventIn, *, slug: str
) -> dict[str, Any]:
    """The event's columns as the organizer gave them: times in UTC, the venue and the
    moderator from the directory (added there when new)."""
    tz = given.timezone
    venue = await resolve_venue(session, principal, given.venue_id, given.venue)
    moderator = (
        await resolve_item_speaker(session, principal, given.moderator) if given.moderator else None
    )
    co_organizers = [
        {"name": o.name, "slug": o.slug or slugify(o.name)} for o in given.co_organizers
    ]
    return {
        "slug": given.slug or slug,
        "title": given.title,
        "subtitle": given.subtitle,
        "description": given.description,
        "co_organizers": json.dumps(co_organizers),
        "supporters": json.dumps(given.supporters),
        "audience": json.dumps(given.audience),
        "topics": json.dumps(given.topics),
        "tracks": json.dumps([track.model_dump() for track in given.tracks]),
        "timezone": tz,
        "language": given.language,
        "doors_open_at": maybe_utc(given.doors_open_at, tz),
        "doors_note": given.doors_note,
        "starts_at": to_utc(given.starts_at, tz),
        "ends_at": to_utc(given.ends_at, tz),
        "times_announced": given.times_announced,
        "end_note": given.end_note,
        "venue_id": venue.id,
        "attendance_mode": given.attendance_mode,
        "capacity": given.capacity,
        "online_capacity": given.online_capacity,
        "online_url": given.online_url,
        "open_to_public": given.open_to_public,
        "registration_opens_at": maybe_utc(given.registration_opens_at, tz),
        "registration_closes_at": maybe_utc(given.registration_closes_at, tz),
        "moderator_id": moderator.id if moderator else None,
        "reminder_hours_before": given.reminder_hours_before,
        "still_coming_days_before": given.still_coming_days_before,
        "thanks_after": given.thanks_after,
        "notify_programme_changes": given.notify_programme_changes,
    }


async def _store(
    session: AsyncSession,
    principal: Principal,
    event: Event,
    given: EventIn,
    *,
    restore: bool = False,
) -> None:
    """Stage the event's row and its programme (flushed, not committed)."""
    session.add(event)
    await session.flush()
    await replace_programme(session, principal, event, given.programme, restore=restore)


async def publish_event(
    *, session: AsyncSession, principal: Principal, event_id: str, events_url: str
) -> EventSnapshotV1:
    """Make a draft public (revision 1) and announce it on the bus through the outbox."""
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    publish = step(event, EventAction.PUBLISH)
    TABLE.move(event, publish)
    event.revision = 1
    snapshot = await build_from_rows(session, event, events_url=events_url)
    record(session, event, snapshot, (), False, principal.actor)
    add_to_outbox(session, publish.emit(event=snapshot), source=SOURCE)
    audit.note(session, principal, What.EVENT_PUBLISHED, subject=event.title, event_id=event.id)
    await commit(session)
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
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    cancel = step(event, EventAction.CANCEL)
    reason = (reason or "").strip() or None
    snapshot = await _close(
        session, principal, event, cancel, events_url=events_url, cancellation_reason=reason
    )
    add_to_outbox(session, cancel.emit(event=snapshot, reason=reason), source=SOURCE)
    audit.note(session, principal, What.EVENT_CANCELLED, subject=event.title, event_id=event.id)
    await commit(session)
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
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    complete = step(event, EventAction.COMPLETE, now)
    snapshot = await _close(session, principal, event, complete, events_url=events_url)
    fact = complete.emit(event=snapshot, changes=(said("completed"),), calendar_relevant=False)
    add_to_outbox(session, fact, source=SOURCE)
    audit.note(session, principal, What.EVENT_COMPLETED, subject=event.title, event_id=event.id)
    await commit(session)
    return snapshot


async def _close(
    session: AsyncSession,
    principal: Principal,
    event: Event,
    closing: EventStep,
    *,
    events_url: str,
    cancellation_reason: str | None = None,
) -> EventSnapshotV1:
    """Cancel or complete: the last published revision, moved to its new status (with the
    organizers' reason, for a cancellation)."""
    before = await published_snapshot(session, event, events_url=events_url)
    TABLE.move(event, closing)
    update = {**closing.values(), "cancellation_reason": cancellation_reason}
    after = before.model_copy(update=update)
    changes, relevant = describe_changes(before, after)
    snapshot = next_revision(event, after, relevant)
    record(session, event, snapshot, changes, relevant, principal.actor)
    return snapshot


async def revisions(
    *, session: AsyncSession, principal: Principal, event_id: str
) -> list[EventRevision]:
    """The event's published revisions, newest first."""
    await get_own_event(session, principal, event_id)
    query = select(EventRevision).where(EventRevision.event_id == event_id)
    return list((await session.exec(query.order_by(col(EventRevision.revision).desc()))).all())


async def commit(session: AsyncSession) -> None:
    """Commit the use case's unit of work; a unique key taken meanwhile is a 409."""
    try:
        await session.commit()
    except IntegrityError as exc:  # a slug, venue or speaker stored at the same moment
        await session.rollback()
        raise Conflict("Another request stored the same data at the same moment: retry") from exc

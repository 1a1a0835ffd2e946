"""This service's copy of events, kept from the EVENTS stream, and each event's form."""

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life
from services.registrations.domain.guards import Given
from services.registrations.domain.registration_life import ACTIVE, Action
from services.registrations.storage.tables import EventCopy, FormSettings, Question, Registration
from services.registrations.usecases import sessions
from services.registrations.usecases.availability import follow_event
from services.registrations.usecases.facts import Links, fact_of
from services.registrations.usecases.privacy_versions import refresh_event_notice
from services.registrations.usecases.seats import promote_next
from shared.contracts import EventSnapshotV1
from shared.db import execute_core
from shared.errors import NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"


# Built once: a registration runs it, and building a statement costs more than running it.
BY_SLUG = select(EventCopy).where(col(EventCopy.slug) == bindparam("slug"))


async def find_event(*, session: AsyncSession, slug: str) -> EventCopy:
    """The event behind a form address, as this service knows it."""
    event = (await session.exec(BY_SLUG, params={"slug": slug})).first()
    if event is None:
        raise NotFound("No conference takes registrations at this address")
    return event


EVENTS = EventCopy.__table__  # type: ignore[attr-defined]  # a table model's
# Built once, Core on the table: every registration reads the event so (read_event).
ROW_BY_SLUG = select(EVENTS).where(EVENTS.c.slug == bindparam("slug"))


async def read_event(*, session: AsyncSession, slug: str) -> EventCopy:
    """The event behind a form address, as a read-only copy: what registering reads of it.
    Read with Core and made with `model_construct`, outside the session (an ORM load costs
    several times as much); setting an attribute on it raises. A seat UPDATE keeps the
    session's own copy in step, if it holds one (seats.py)."""
    row = (await execute_core(session, ROW_BY_SLUG, {"slug": slug})).first()
    if row is None:
        raise NotFound("No conference takes registrations at this address")
    return EventCopy.model_construct(**dict(zip(EVENTS.columns.keys(), row, strict=True)))


class DraftNotShown(NotFound):
    """A draft's public address: as not found as an address nobody uses, so that nothing
    tells a draft exists (its organizers see it on their own pages)."""


async def find_public_event(*, session: AsyncSession, slug: str) -> EventCopy:
    """The event behind a public address (form, JSON API), as a read-only copy
    (`read_event`): a draft is not there."""
    event = await read_event(session=session, slug=slug)
    if event.status == "draft":
        raise DraftNotShown("No conference takes registrations at this address")
    return event


async def form_settings(session: AsyncSession, event_id: str) -> FormSettings:
    """The event's form settings; the defaults until an organizer saves some."""
    return await session.get(FormSettings, event_id) or FormSettings(event_id=event_id)


async def questions_of(session: AsyncSession, event_id: str) -> list[Question]:
    found = await session.exec(
        select(Question).where(Question.event_id == event_id).order_by(col(Question.position))
    )
    return list(found.all())


async def apply_event_snapshot(
    session: AsyncSession, snapshot: EventSnapshotV1, *, links: Links, now: datetime
) -> None:
    """Keep the newest revision; a cancelled event cancels every registration it had. A
    published revision (1 on) replaces a draft's copy whatever the draft's saves."""
    event = await session.get(EventCopy, snapshot.id)
    if snapshot.status == "draft" or (event is not None and snapshot.revision <= event.revision):
        return
    event = event or _new_copy(snapshot)
    was_cancelled = event.status == "cancelled"
    _take(event, snapshot)
    event.draft_saved_at = None
    session.add(event)
    await session.flush()
    settings = await form_settings(session, event.event_id)
    await refresh_event_notice(session, event, settings, now=now)
    if snapshot.status == "cancelled" and not was_cancelled:
        await _cancel_everyone(session, event, links=links, now=now)
    elif snapshot.status == "published":
        await sessions.keep_capacities(session, snapshot)
        await _fill_new_seats(session, event, links=links, now=now)
    await follow_event(session, event)  # a new capacity, or a cancellation, moves the band


async def apply_draft(
    session: AsyncSession, snapshot: EventSnapshotV1, *, saved_at: datetime, now: datetime
) -> None:
    """Keep a draft's newest save, for its organizers to prepare the form; a copy once
    published is never touched by a draft, however late the draft's fact comes. A draft
    takes no registrations and publishes no availability."""
    event = await session.get(EventCopy, snapshot.id)
    if snapshot.status != "draft" or snapshot.revision != 0:
        return
    if event is not None and (event.draft_saved_at is None or saved_at <= event.draft_saved_at):
        return  # published already, or an older save than the one kept
    event = event or _new_copy(snapshot)
    _take(event, snapshot)
    event.draft_saved_at = saved_at
    session.add(event)
    await session.flush()
    settings = await form_settings(session, event.event_id)
    await refresh_event_notice(session, event, settings, now=now)


def _new_copy(snapshot: EventSnapshotV1) -> EventCopy:
    """A copy first heard of: the counters start at zero; revision and capacity come next."""
    new = {"event_id": snapshot.id, "revision": 0, "capacity": 0, **_copied(snapshot)}
    return EventCopy.model_validate(new)


def _take(event: EventCopy, snapshot: EventSnapshotV1) -> None:
    """The snapshot's fields on the copy; the seat counters stay ours."""
    for name, value in _copied(snapshot).items():
        setattr(event, name, value)
    event.revision, event.capacity = snapshot.revision, snapshot.capacity
    event.online_capacity = snapshot.online_capacity


def _copied(snapshot: EventSnapshotV1) -> dict[str, object]:
    return {
        "slug": snapshot.slug,
        "organization_slug": snapshot.organizer.slug,
        "status": snapshot.status,
        "title": snapshot.title,
        "timezone": snapshot.timezone,
        "starts_at": snapshot.starts_at,
        "ends_at": snapshot.ends_at,
        "registration_opens_at": snapshot.registration_opens_at,
        "registration_closes_at": snapshot.registration_closes_at,
        "attendance_mode": snapshot.attendance_mode,
        "open_to_public": snapshot.open_to_public,
        "snapshot": snapshot.model_dump_json(),
    }


async def _fill_new_seats(
    session: AsyncSession, event: EventCopy, *, links: Links, now: datetime
) -> None:
    """More seats than before (a bigger room): the waitlist moves up, first come first."""
    settings = await form_settings(session, event.event_id)
    for mode in ("in_person", "online"):
        while await promote_next(session, event, settings, mode, links=links, now=now):
            pass


async def _cancel_everyone(
    session: AsyncSession, event: EventCopy, *, links: Links, now: datetime
) -> None:
    active = await session.exec(
        select(Registration).where(
            Registration.event_id == event.event_id, col(Registration.status).in_(ACTIVE)
        )
    )
    reason = EventSnapshotV1.model_validate_json(event.snapshot).cancellation_reason
    for registration in active.all():
        step = registration_life.TABLE.step(registration, Action.CANCEL_EVENT, Given(now=now))
        registration_life.TABLE.move(registration, step)
        registration.cancelled_at = now
        session.add(registration)
        said = fact_of(step, registration, event, links, now, organizer_reason=reason)
        add_to_outbox(session, said, source=SOURCE)
    await session.exec(
        update(EventCopy)
        .where(col(EventCopy.event_id) == event.event_id)
        .values(seats_taken=0, online_seats_taken=0)
    )

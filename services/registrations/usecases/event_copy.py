"""This service's copy of events, kept from the EVENTS stream, and each event's form."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life
from services.registrations.domain.guards import Given
from services.registrations.domain.registration_life import ACTIVE, Action
from services.registrations.storage.tables import EventCopy, FormSettings, Question, Registration
from services.registrations.usecases.availability import follow_event
from services.registrations.usecases.facts import Links, fact_of
from services.registrations.usecases.privacy_versions import refresh_event_notice
from services.registrations.usecases.seats import promote_next
from shared.contracts import EventSnapshotV1
from shared.errors import NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"


async def find_event(*, session: AsyncSession, slug: str) -> EventCopy:
    """The event behind a form address, as this service knows it."""
    event = (await session.exec(select(EventCopy).where(EventCopy.slug == slug))).first()
    if event is None:
        raise NotFound("No conference takes registrations at this address")
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
    """Keep the newest revision; a cancelled event cancels every registration it had."""
    event = await session.get(EventCopy, snapshot.id)
    if event is not None and snapshot.revision <= event.revision:
        return
    if event is None:  # the counters start at zero; revision and capacity are set below
        new = {"event_id": snapshot.id, "revision": 0, "capacity": 0, **_copied(snapshot)}
        event = EventCopy.model_validate(new)
    was_cancelled = event.status == "cancelled"
    for name, value in _copied(snapshot).items():
        setattr(event, name, value)
    event.revision, event.capacity = snapshot.revision, snapshot.capacity
    event.online_capacity = snapshot.online_capacity
    session.add(event)
    await session.flush()
    settings = await form_settings(session, event.event_id)
    await refresh_event_notice(session, event, settings, now=now)
    if snapshot.status == "cancelled" and not was_cancelled:
        await _cancel_everyone(session, event, links=links, now=now)
    elif snapshot.status == "published":
        await _fill_new_seats(session, event, links=links, now=now)
    await follow_event(session, event)  # a new capacity, or a cancellation, moves the band


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

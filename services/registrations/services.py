"""Use cases of the registrations service: one function, one transaction, explicit session."""

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.form import RegistrationInput, normalize_email
from services.registrations.domain.window import registration_state
from services.registrations.errors import AlreadyRegistered, EventFull, RegistrationClosed
from services.registrations.models import EventCopy, Registration
from shared.contracts import EventSnapshotV1, RegistrationConfirmedV1
from shared.errors import NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"


async def find_event(*, session: AsyncSession, slug: str) -> EventCopy:
    """The event behind a form address, as this service knows it."""
    event = (await session.exec(select(EventCopy).where(EventCopy.slug == slug))).first()
    if event is None:
        raise NotFound("No conference takes registrations at this address")
    return event


async def register(
    *,
    session: AsyncSession,
    slug: str,
    person: RegistrationInput,
    language: str,
    now: datetime,
) -> Registration:
    """Give this person a seat, or refuse: closed, full, or registered already."""
    event = await find_event(session=session, slug=slug)
    state = registration_state(event, now)
    if state not in ("open", "full"):
        raise RegistrationClosed(state)
    email_key = normalize_email(person.email)
    if await _registered(session, event.event_id, email_key):
        raise AlreadyRegistered()
    await _take_seat(session, event)
    registration = _new_registration(event, person, email_key, language, now)
    session.add(registration)
    add_to_outbox(session, _confirmed(registration, event), source=SOURCE)
    try:
        await session.commit()
    except IntegrityError as exc:  # the same address, submitted twice at the same moment
        await session.rollback()
        raise AlreadyRegistered() from exc
    return registration


async def _registered(session: AsyncSession, event_id: str, email_key: str) -> bool:
    found = await session.exec(
        select(Registration.id).where(
            Registration.event_id == event_id, Registration.email_key == email_key
        )
    )
    return found.first() is not None


async def _take_seat(session: AsyncSession, event: EventCopy) -> None:
    """Count the seat with one conditional UPDATE: the row lock is taken here, as late as
    possible, and availability is checked under it, so a rush can never overbook."""
    result = await session.exec(
        update(EventCopy)
        .where(
            col(EventCopy.event_id) == event.event_id,
            col(EventCopy.seats_taken) < col(EventCopy.capacity),
        )
        .values(seats_taken=EventCopy.seats_taken + 1)
    )
    if result.rowcount != 1:
        await session.rollback()
        raise EventFull()


def _new_registration(
    event: EventCopy, person: RegistrationInput, email_key: str, language: str, now: datetime
) -> Registration:
    return Registration(
        event_id=event.event_id,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        email_key=email_key,
        organization=person.organization,
        language=language,
        privacy_consent_at=now,
        created_at=now,
    )


def _confirmed(registration: Registration, event: EventCopy) -> RegistrationConfirmedV1:
    return RegistrationConfirmedV1(
        registration_id=registration.id,
        event_id=event.event_id,
        event_revision=event.revision,
        first_name=registration.first_name,
        last_name=registration.last_name,
        email=registration.email,
        organization=registration.organization,
        language=registration.language,
        confirmed_at=registration.created_at,
    )


async def apply_event_snapshot(session: AsyncSession, snapshot: EventSnapshotV1) -> None:
    """Keep the newest revision of an event; an older or repeated one changes nothing."""
    event = await session.get(EventCopy, snapshot.id)
    if event is None:
        event = EventCopy(event_id=snapshot.id, revision=0, capacity=0, **_copied(snapshot))
    elif snapshot.revision <= event.revision:
        return
    for name, value in _copied(snapshot).items():
        setattr(event, name, value)
    event.revision, event.capacity = snapshot.revision, snapshot.capacity
    session.add(event)


def _copied(snapshot: EventSnapshotV1) -> dict[str, object]:
    return {
        "slug": snapshot.slug,
        "status": snapshot.status,
        "title": snapshot.title,
        "timezone": snapshot.timezone,
        "starts_at": snapshot.starts_at,
        "ends_at": snapshot.ends_at,
        "registration_opens_at": snapshot.registration_opens_at,
        "registration_closes_at": snapshot.registration_closes_at,
        "open_to_public": snapshot.open_to_public,
        "snapshot": snapshot.model_dump_json(),
    }

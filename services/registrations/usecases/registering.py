"""Registering: a seat if one is free, else the online seat on offer or the waitlist."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import privacy, registration_life, sessions
from services.registrations.domain.errors import EventFull, RegistrationClosed, RoomFullOnlineOpen
from services.registrations.domain.form import RegistrationInput, normalize_email
from services.registrations.domain.guards import Given
from services.registrations.domain.registration_life import (
    ACTIVE,
    Action,
    RegistrationStep,
    Status,
    registration_state,
)
from services.registrations.storage.tables import Answer, EventCopy, Registration
from services.registrations.usecases import audit_trail, registration_rows
from services.registrations.usecases.event_copy import read_event
from services.registrations.usecases.facts import Links, fact, fact_of
from services.registrations.usecases.form_rules import FormRulesCache, settings_of
from services.registrations.usecases.seats import (
    next_waitlist_position,
    seat_counts,
    take_seat,
    waitlist_place,
)
from services.registrations.usecases.sessions import choose
from shared.contracts import EventSnapshotV1, RegistrationConfirmationRequestedV1
from shared.outbox import add_to_outbox, stage_in_outbox

SOURCE = "/convegni/registrations"
RESEND_AT_MOST_EVERY = timedelta(minutes=10)
# A seat (at once, or held for the address's confirmation), else the waitlist: the guards
# choose from what the seat count said.
ENTRIES = (Action.REGISTER, Action.REGISTER_TO_CONFIRM, Action.JOIN_WAITLIST)


Remember = Callable[[AsyncSession, "Outcome"], None]


@dataclass(frozen=True)
class Outcome:
    """What happened: `status` of the registration, and whether it already existed."""

    registration: Registration
    status: Status
    already: bool = False
    waitlist_place: int | None = None


async def register(
    *,
    session: AsyncSession,
    slug: str,
    person: RegistrationInput,
    language: str,
    now: datetime,
    links: Links,
    remember: Remember | None = None,
    as_newcomer: bool = False,
    added_by: str | None = None,
    event: EventCopy | None = None,
    forms: FormRulesCache | None = None,
) -> Outcome:
    """Register one person. The same address twice is one registration, told again.
    `remember` stages the API's answer in the same transaction (Idempotency-Key).
    `as_newcomer` (the HTML form): a known address first meets what a new one would (the
    choice page, "full"), so that no page tells whether an address is registered.
    `added_by` (an organizer registering someone by hand, on the phone): no double opt-in,
    the organizer spoke to the person; the emails go out all the same.
    `event`: the event's row, when the caller read it in this transaction already; `forms`:
    the process's kept form rules (else the form settings are read)."""
    event = event or await read_event(session=session, slug=slug)
    state = registration_state(event.window(), now)
    if state not in ("open", "full"):
        raise RegistrationClosed(state)
    if person.sessions:  # refused before a seat is taken: nothing to undo
        sessions.checked(person.sessions, sessions.offered(_snapshot(event)))
    email_key = normalize_email(person.email)
    existing = await registration_rows.by_email(session, event.event_id, email_key)
    if existing is not None and existing.status in ACTIVE:
        if as_newcomer:
            await _meet_as_newcomer(session, event, person, forms)
        return await _tell_again(session, event, existing, links=links, now=now, remember=remember)
    try:
        return await _create(
            session,
            event,
            existing,
            email_key,
            person,
            language,
            now,
            links,
            remember,
            added_by,
            forms,
        )
    except IntegrityError:  # the same address (or key), submitted twice at the same moment
        await session.rollback()  # which expires what was loaded: read it again
        event = await read_event(session=session, slug=slug)
        again = await registration_rows.by_email(session, event.event_id, email_key)
        if again is None:  # it was the Idempotency-Key: the other request answers for both
            raise
        return await _tell_again(session, event, again, links=links, now=now, remember=remember)


async def _create(
    session: AsyncSession,
    event: EventCopy,
    existing: Registration | None,
    email_key: str,
    person: RegistrationInput,
    language: str,
    now: datetime,
    links: Links,
    remember: Remember | None,
    added_by: str | None = None,
    forms: FormRulesCache | None = None,
) -> Outcome:
    """The new (or renewed) registration, its seat or waitlist place, its fact; committed."""
    settings = await settings_of(session, event, forms)
    opt_in = settings.double_opt_in and added_by is None
    step, place = await _place(session, event, opt_in, settings.waitlist, existing, person, now)
    address, version = privacy.consented(
        slug=event.slug,
        version=event.privacy_version,
        notice_url=settings.privacy_notice_url,
        notice_version=settings.privacy_notice_version,
        read=person.privacy_version_read,
    )
    confirm_by = now + timedelta(hours=settings.confirm_hours)
    values = (
        registration_rows.given_columns(person, language, now)
        | {
            "added_by": added_by,
            "privacy_notice_version": version,  # the version read, and where it stays
            "privacy_notice_url": links.base_url + address if address[:1] == "/" else address,
            "waitlist_position": place,
            "confirm_by": confirm_by if step.to is Status.PENDING else None,
        }
    )
    if existing is None:
        registration = await registration_rows.new(session, event.event_id, email_key, step, values)
    else:  # back after cancelling: a new round of messages
        registration = registration_rows.renewed(existing, step, values)
    await registration_rows.store(session, registration, new=existing is None)
    _answers(session, registration, person)
    if person.sessions and step.to is Status.CONFIRMED:  # else chosen once confirmed
        await choose(
            session, registration=registration, event=event, wanted=person.sessions, now=now
        )
    waiting = step.to is Status.WAITLISTED
    place_seen = await waitlist_place(session, registration) if waiting else None
    announced = fact_of(step, registration, event, links, now, position=place_seen)
    await stage_in_outbox(session, announced, source=SOURCE)
    if added_by is not None:  # by hand: the audit log says who, with the registration
        audit_trail.record(
            session,
            event=event,
            actor=added_by,
            what="registration_added",
            now=now,
            registration=registration,
        )
    outcome = Outcome(registration, step.to, waitlist_place=place_seen)
    if remember:
        remember(session, outcome)
    await session.commit()
    return outcome


async def _place(
    session: AsyncSession,
    event: EventCopy,
    double_opt_in: bool,
    waitlist: bool,
    existing: Registration | None,
    person: RegistrationInput,
    now: datetime,
) -> tuple[RegistrationStep, int | None]:
    """(the move, waitlist number): a seat, else the waitlist; never more seats than exist."""
    seat = await take_seat(session, event.event_id, person.mode)
    if not seat and person.mode == "in_person" and not person.accept_waitlist:
        if event.online_capacity and event.online_seats_taken < event.online_capacity:
            await session.rollback()
            raise RoomFullOnlineOpen()
    given = Given(now=now, seat_taken=seat, double_opt_in=double_opt_in, waitlist=waitlist)
    step = registration_life.TABLE.pick(existing, ENTRIES, given)
    if step is None:
        await session.rollback()
        raise EventFull()
    waiting = step.to is Status.WAITLISTED
    return step, await next_waitlist_position(session, event.event_id) if waiting else None


async def _meet_as_newcomer(
    session: AsyncSession, event: EventCopy, person: RegistrationInput, forms: FormRulesCache | None
) -> None:
    """Raise what a new address would meet with these answers, from the seat counts alone
    (no seat is taken): the choice when the room is full and online seats are free, "full"
    when no seat is free and the event keeps no waitlist."""
    taken, capacity = seat_counts(event, person.mode)
    if capacity is not None and taken < capacity:
        return
    online_free = bool(event.online_capacity) and event.online_seats_taken < (
        event.online_capacity or 0
    )
    if person.mode == "in_person" and not person.accept_waitlist and online_free:
        raise RoomFullOnlineOpen()
    if not (await settings_of(session, event, forms)).waitlist:
        raise EventFull()


def _snapshot(event: EventCopy) -> EventSnapshotV1:
    return EventSnapshotV1.model_validate_json(event.snapshot)


def _answers(session: AsyncSession, registration: Registration, person: RegistrationInput) -> None:
    for question_id, value in person.answers.items():
        session.add(Answer(registration_id=registration.id, question_id=question_id, value=value))


async def _tell_again(
    session: AsyncSession,
    event: EventCopy,
    registration: Registration,
    *,
    links: Links,
    now: datetime,
    remember: Remember | None = None,
) -> Outcome:
    """Someone registered already: send their confirmation again (not more than every ten
    minutes, so the form cannot be used to flood a mailbox)."""
    last = registration.last_resent_at
    if last is None or now - last >= RESEND_AT_MOST_EVERY:
        registration.last_resent_at = now
        session.add(registration)
        again = fact(
            RegistrationConfirmationRequestedV1, registration, event, links, now,
            request_id=uuid.uuid4().hex, status=registration.status,
        )  # fmt: skip
        add_to_outbox(session, again, source=SOURCE)
    status = Status(registration.status)
    place = await waitlist_place(session, registration) if status is Status.WAITLISTED else None
    outcome = Outcome(registration, status, already=True, waitlist_place=place)
    if remember:
        remember(session, outcome)
    await session.commit()
    return outcome

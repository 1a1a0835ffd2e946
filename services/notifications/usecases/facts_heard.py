"""Use cases for the facts the notifications service hears: who is registered, the emails a
registration fact calls for, the news of a changed event, and the schedule they move. Each
stages its effect in the caller's transaction, which records the message in the inbox."""

from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.deliveries import delivery_key, round_id
from services.notifications.domain.mails import owed_mail
from services.notifications.domain.participants import apply_fact, holds_seat
from services.notifications.domain.schedule import SCHEDULED_KINDS
from services.notifications.domain.updates import news_for, update_kind
from services.notifications.storage.tables import Participant
from services.notifications.usecases import deliveries, scheduled_mail
from shared.contracts import EventCancelledV1, EventFact, EventUpdatedV1
from shared.contracts.registrations import RegistrationFact

# Emails about the event as it will be: owed to people who still hold a seat at an event
# still on, never to someone who cancelled or for an event called off.
ABOUT_THE_EVENT = ("rescheduled", "programme_changed", *SCHEDULED_KINDS)


async def hear_registration(
    session: AsyncSession, *, fact: RegistrationFact, domain: str, now: datetime
) -> None:
    """Keep the participant, owe the email the fact calls for, and move their schedule."""
    participant = await _record(session, fact)
    owed = owed_mail(fact)
    if owed is not None:
        await deliveries.queue_email(session, fact=fact, owed=owed, domain=domain)
    if participant is None:  # an older fact: where the registration stands did not change
        return
    snapshot = await deliveries.known_event(session, fact.event_id)
    await scheduled_mail.replan(session, participant=participant, snapshot=snapshot, now=now)
    if not holds_seat(participant):
        await deliveries.drop_unsent(
            session, kinds=ABOUT_THE_EVENT, registration_id=participant.registration_id
        )


async def _record(session: AsyncSession, fact: RegistrationFact) -> Participant | None:
    """The participant as the fact leaves it (staged), None for an older fact."""
    known = await session.get(Participant, fact.registration_id)
    participant = apply_fact(known, fact)
    if participant is not None:
        session.add(participant)
    return participant


async def hear_event(session: AsyncSession, *, fact: EventFact, domain: str, now: datetime) -> None:
    """Keep the newest snapshot, tell participants what changed, and move their schedule.
    A cancelled event mails nothing itself: each registration's cancellation does."""
    snapshot = await deliveries.remember_event(session, fact.event)
    if isinstance(fact, EventUpdatedV1):
        await _announce(session, fact=fact, domain=domain, now=now)
    await scheduled_mail.replan_event(session, snapshot=snapshot, now=now)
    if isinstance(fact, EventCancelledV1) or snapshot.status == "cancelled":
        await deliveries.drop_unsent(session, kinds=ABOUT_THE_EVENT, event_id=snapshot.id)


async def _announce(
    session: AsyncSession, *, fact: EventUpdatedV1, domain: str, now: datetime
) -> None:
    """One email per participant and revision: a new invite when time or place moved, else a
    note on the programme (if the organizer wants those mailed)."""
    kind = update_kind(fact)
    if kind is None:
        return
    participants = await session.exec(
        select(Participant).where(Participant.event_id == fact.event.id)
    )
    for participant in participants.all():
        changes = news_for(participant, fact, kind)
        if changes is None:
            continue
        round_ = round_id(participant.registration_id, participant.renewal)
        await deliveries.owe_participant(
            session,
            participant=participant,
            kind=kind,
            key=delivery_key(round_, kind, fact.event.revision),
            extra={"changes": changes},
            domain=domain,
            now=now,
        )

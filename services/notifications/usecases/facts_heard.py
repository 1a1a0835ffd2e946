"""Use cases for the facts the notifications service hears: who is registered, the emails a
registration fact calls for, the news of a changed event, and the schedule they move. Each
stages its effect in the caller's transaction, which records the message in the inbox."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key, round_id
from services.notifications.domain.mails import owed_mail
from services.notifications.domain.participants import apply_fact, holds_seat
from services.notifications.domain.schedule import SCHEDULED_KINDS
from services.notifications.domain.updates import news_for, update_kind
from services.notifications.storage import registrants
from services.notifications.usecases import agendas, deliveries, event_copy, scheduled_mail
from shared.contracts import EventCancelledV1, EventFact, EventUpdatedV1
from shared.contracts.registrations import RegistrationFact

# Emails about the event as it will be: owed to people who still hold a seat at an event
# still on, never to someone who cancelled or for an event called off.
ABOUT_THE_EVENT = ("rescheduled", "programme_changed", *SCHEDULED_KINDS)


async def preload_registrations(session: AsyncSession, facts: list[RegistrationFact]) -> None:
    """Read the participants a batch of registration facts names, in one query."""
    await registrants.preload(session, (fact.registration_id for fact in facts))


async def hear_registration(
    session: AsyncSession, *, fact: RegistrationFact, domain: str, now: datetime
) -> None:
    """Keep the participant, owe the email the fact calls for, and move their schedule.

    A registration's deliveries and scheduled mail are only ever made once its participant
    is kept (in the same transaction, or later; migration 0003 kept one for each registration
    mailed before), and participants are never deleted: so for the first fact of a
    registration there is nothing earlier to read, nor to drop."""
    known = await registrants.find(session, fact.registration_id)
    participant = apply_fact(known, fact)
    if participant is not None:
        await registrants.store(session, participant, new=known is None)
    owed = owed_mail(fact)
    if owed is not None:
        await deliveries.queue_email(
            session, fact=fact, owed=owed, domain=domain, first=known is None
        )
    if participant is None:  # an older fact: where the registration stands did not change
        return
    snapshot = await event_copy.known_event(session, fact.event_id)
    await scheduled_mail.replan(
        session, participant=participant, snapshot=snapshot, now=now, first=known is None
    )
    if known is not None and not holds_seat(participant):
        await deliveries.drop_unsent(
            session, kinds=ABOUT_THE_EVENT, now=now, registration_id=participant.registration_id
        )


async def hear_event(session: AsyncSession, *, fact: EventFact, domain: str, now: datetime) -> None:
    """Keep the newest snapshot, tell participants what changed, and move their schedule.
    A cancelled event mails nothing itself: each registration's cancellation does."""
    before = await event_copy.known_event(session, fact.event.id)
    snapshot = await event_copy.remember_event(session, fact.event)
    if isinstance(fact, EventUpdatedV1):
        await _announce(session, fact=fact, domain=domain, now=now)
        await agendas.hear_moves(session, before=before, after=snapshot, domain=domain, now=now)
    await scheduled_mail.replan_event(session, snapshot=snapshot, now=now)
    if isinstance(fact, EventCancelledV1) or snapshot.status == "cancelled":
        await deliveries.drop_unsent(session, kinds=ABOUT_THE_EVENT, now=now, event_id=snapshot.id)


async def _announce(
    session: AsyncSession, *, fact: EventUpdatedV1, domain: str, now: datetime
) -> None:
    """One email per participant and revision: a new invite when time or place moved, else a
    note on the programme (if the organizer wants those mailed)."""
    kind = update_kind(fact)
    if kind is None:
        return
    for participant in await registrants.of_event(session, fact.event.id):
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

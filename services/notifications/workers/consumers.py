"""What the notifications service hears: events (its own copy, and the news participants
get) and registration facts (who is registered, and the emails a person must get)."""

from datetime import UTC, datetime

from services.notifications.context import NotificationsContext
from services.notifications.usecases import facts_heard
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import Envelope, EventFact, parse_fact
from shared.contracts.registrations import RegistrationFact
from shared.inbox import run_once

EVENTS_CONSUMER = "notifications-events"
REGISTRATIONS_CONSUMER = "notifications-registrations"


def consumers(ctx: NotificationsContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    settings = ctx.settings
    domain = settings.calendar_domain
    # Deliveries are sent, and scheduled mail released, by loops of their own: wake them.
    wakes = (ctx.sender_wake, ctx.scheduler_wake)

    async def on_event(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if not isinstance(fact, EventFact):
            return  # tokens and facts this version does not know: acked, ignored
        await run_once(
            ctx.sessions,
            consumer=EVENTS_CONSUMER,
            message_id=envelope.id,
            effect=lambda session: facts_heard.hear_event(
                session, fact=fact, domain=domain, now=datetime.now(UTC)
            ),
        )
        for wake in wakes:
            wake.set()

    async def on_registration(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if not isinstance(fact, RegistrationFact):
            return  # a fact this version does not know: acked, ignored
        await run_once(
            ctx.sessions,
            consumer=REGISTRATIONS_CONSUMER,
            message_id=envelope.id,
            effect=lambda session: facts_heard.hear_registration(
                session, fact=fact, domain=domain, now=datetime.now(UTC)
            ),
        )
        for wake in wakes:
            wake.set()

    return (
        (
            ConsumerSpec.configured(
                settings, stream="EVENTS", durable=EVENTS_CONSUMER, subjects=("events.event.>",)
            ),
            on_event,
        ),
        (
            ConsumerSpec.configured(
                settings,
                stream="REGISTRATIONS",
                durable=REGISTRATIONS_CONSUMER,
                subjects=("registrations.registration.>",),
            ),
            on_registration,
        ),
    )

"""What the notifications service hears: events (its own copy) and confirmed registrations."""

import asyncio

from services.notifications import services
from services.notifications.settings import NotificationsSettings
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import Envelope, EventFact, RegistrationConfirmedV1, parse_fact
from shared.inbox import run_once
from shared.web.service import ServiceContext

EVENTS_CONSUMER = "notifications-events"
REGISTRATIONS_CONSUMER = "notifications-registrations"


def consumers(ctx: ServiceContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    settings = ctx.settings
    assert isinstance(settings, NotificationsSettings)
    wake = ctx.extras.setdefault("sender_wake", asyncio.Event())

    async def on_event(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if isinstance(fact, EventFact):
            await run_once(
                ctx.sessions,
                consumer=EVENTS_CONSUMER,
                message_id=envelope.id,
                effect=lambda session: services.remember_event(session, fact.event),
            )
            wake.set()  # deliveries waiting for this event can go now

    async def on_registration(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if isinstance(fact, RegistrationConfirmedV1):
            await run_once(
                ctx.sessions,
                consumer=REGISTRATIONS_CONSUMER,
                message_id=envelope.id,
                effect=lambda session: services.queue_confirmation(
                    session, fact, domain=settings.calendar_domain
                ),
            )
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

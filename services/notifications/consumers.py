"""What the notifications service hears: events (its own copy) and the registration facts
a person must hear about by email."""

import asyncio

from services.notifications import services
from services.notifications.domain.mails import owed_mail
from services.notifications.settings import NotificationsSettings
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import Envelope, EventFact, parse_fact
from shared.contracts.registrations import RegistrationFact
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
        if not isinstance(fact, RegistrationFact):
            return  # a fact this version does not know: acked, ignored
        owed = owed_mail(fact)
        if owed is None:  # not mailed (checked in), or the person was erased
            return
        await run_once(
            ctx.sessions,
            consumer=REGISTRATIONS_CONSUMER,
            message_id=envelope.id,
            effect=lambda session: services.queue_email(
                session, fact=fact, owed=owed, domain=settings.calendar_domain
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

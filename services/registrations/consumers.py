"""What the registrations service hears on the bus: events, to keep its own copy."""

from services.registrations import services
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import Envelope, EventFact, parse_fact
from shared.inbox import run_once
from shared.web.service import ServiceContext

EVENTS_CONSUMER = "registrations-events"


def consumers(ctx: ServiceContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    spec = ConsumerSpec.configured(
        ctx.settings, stream="EVENTS", durable=EVENTS_CONSUMER, subjects=("events.event.>",)
    )

    async def on_event(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if not isinstance(fact, EventFact):
            return  # a fact this version does not know: nothing to do
        await run_once(
            ctx.sessions,
            consumer=EVENTS_CONSUMER,
            message_id=envelope.id,
            effect=lambda session: services.apply_event_snapshot(session, fact.event),
        )

    return ((spec, on_event),)

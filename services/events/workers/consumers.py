"""What the events service hears on the bus: the availability band registrations publishes,
so that the event page and the home cards say when an event fills up."""

from services.events.context import EventsContext
from services.events.usecases.availability import hear_availability
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import AvailabilityChangedV1, Envelope, parse_fact
from shared.inbox import run_once

AVAILABILITY_CONSUMER = "events-availability"


def consumers(ctx: EventsContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    spec = ConsumerSpec.configured(
        ctx.settings,
        stream="REGISTRATIONS",
        durable=AVAILABILITY_CONSUMER,
        subjects=("registrations.availability.>",),
    )

    async def on_availability(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if not isinstance(fact, AvailabilityChangedV1):
            return  # a fact this version does not know: acked, ignored
        await run_once(
            ctx.sessions,
            consumer=AVAILABILITY_CONSUMER,
            message_id=envelope.id,
            effect=lambda session: hear_availability(session, fact=fact),
        )

    return ((spec, on_availability),)

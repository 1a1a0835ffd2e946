"""What the events service hears on the bus: the availability band registrations publishes,
so that the event page and the home cards say when an event fills up; what registrations
records for the audit log, kept beside the log's own entries; and the facts organizations'
webhooks carry (registrations, certificates, their own events), owed to their endpoints."""

from services.events.context import EventsContext
from services.events.usecases.audit import hear_recorded
from services.events.usecases.availability import hear_availability
from services.events.workers.webhook_consumers import webhook_consumers
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import AuditRecordedV1, AvailabilityChangedV1, Envelope, parse_fact
from shared.inbox import run_once

AVAILABILITY_CONSUMER = "events-availability"
AUDIT_CONSUMER = "events-audit"


def consumers(ctx: EventsContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    availability = ConsumerSpec.configured(
        ctx.settings,
        stream="REGISTRATIONS",
        durable=AVAILABILITY_CONSUMER,
        subjects=("registrations.availability.>",),
    )
    audit = ConsumerSpec.configured(
        ctx.settings,
        stream="REGISTRATIONS",
        durable=AUDIT_CONSUMER,
        subjects=("registrations.audit.>",),
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

    async def on_audit(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if not isinstance(fact, AuditRecordedV1):
            return
        await run_once(
            ctx.sessions,
            consumer=AUDIT_CONSUMER,
            message_id=envelope.id,
            effect=lambda session: hear_recorded(session, fact=fact),
        )

    return ((availability, on_availability), (audit, on_audit), *webhook_consumers(ctx))

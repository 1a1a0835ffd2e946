"""The facts organizations' webhooks carry, heard from the bus by durable consumers: so a
fact published while the events service is down, or heard by a process killed before it
committed, is heard again, and staged once (shared.inbox.run_once)."""

from datetime import UTC, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.context import EventsContext
from services.events.domain.webhook_payloads import kind_of
from services.events.usecases.webhook_feed import stage_deliveries
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import Envelope, Fact, parse_fact
from shared.inbox import run_once

REGISTRATIONS_CONSUMER = "events-webhooks-registrations"
EVENTS_CONSUMER = "events-webhooks-events"


def webhook_consumers(ctx: EventsContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    registrations = ConsumerSpec.configured(
        ctx.settings,
        stream="REGISTRATIONS",
        durable=REGISTRATIONS_CONSUMER,
        subjects=("registrations.registration.>", "registrations.certificate.issued"),
    )
    events = ConsumerSpec.configured(
        ctx.settings, stream="EVENTS", durable=EVENTS_CONSUMER, subjects=("events.event.>",)
    )
    return (
        (registrations, _handler(ctx, REGISTRATIONS_CONSUMER)),
        (events, _handler(ctx, EVENTS_CONSUMER)),
    )


def _handler(ctx: EventsContext, consumer: str) -> Handler:
    async def handle(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if fact is None or kind_of(fact) is None:
            return  # a fact no webhook carries, or one this version does not know: acked
        staged = await run_once(
            ctx.sessions,
            consumer=consumer,
            message_id=envelope.id,
            effect=lambda session: _stage(session, fact, envelope),
        )
        if staged:
            ctx.webhooks_wake.set()

    return handle


async def _stage(session: AsyncSession, fact: Fact, envelope: Envelope) -> None:
    await stage_deliveries(
        session,
        fact=fact,
        message_id=envelope.id,
        published_at=envelope.time,
        now=datetime.now(UTC),
    )

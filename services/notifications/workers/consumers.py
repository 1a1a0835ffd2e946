"""What the notifications service hears: events (its own copy, and the news participants
get), registration facts (who is registered, and the emails a person must get), and
invitations to an organization's console (one email each)."""

from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.context import NotificationsContext
from services.notifications.usecases import facts_heard
from services.notifications.usecases.invitations import hear_invitation
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import Envelope, EventFact, InvitationSentV1, parse_fact
from shared.contracts.registrations import RegistrationFact
from shared.inbox import run_once

EVENTS_CONSUMER = "notifications-events"
INVITATIONS_CONSUMER = "notifications-invitations"
REGISTRATIONS_CONSUMER = "notifications-registrations"
F = TypeVar("F", contravariant=True)


class Hearing(Protocol[F]):
    """A use case that hears one kind of fact, in the consumer's transaction."""

    def __call__(
        self, session: AsyncSession, *, fact: F, domain: str, now: datetime
    ) -> Awaitable[None]: ...


def consumers(ctx: NotificationsContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    settings = ctx.settings
    on_event = _handler(ctx, EVENTS_CONSUMER, EventFact, facts_heard.hear_event)
    on_registration = _handler(
        ctx, REGISTRATIONS_CONSUMER, RegistrationFact, facts_heard.hear_registration
    )
    on_invitation = _handler(ctx, INVITATIONS_CONSUMER, InvitationSentV1, hear_invitation)
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
        (
            ConsumerSpec.configured(
                settings,
                stream="EVENTS",
                durable=INVITATIONS_CONSUMER,
                subjects=("events.invitation.>",),
            ),
            on_invitation,
        ),
    )


def _handler(ctx: NotificationsContext, consumer: str, heard: type[F], hear: Hearing[F]) -> Handler:
    """Hear each fact of the `heard` kind once, then wake the sender and the scheduler (they
    send deliveries and release scheduled mail by loops of their own)."""
    domain = ctx.settings.calendar_domain

    async def handle(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if not isinstance(fact, heard):
            return  # tokens, and facts this version does not know: acked, ignored
        await run_once(
            ctx.sessions,
            consumer=consumer,
            message_id=envelope.id,
            effect=lambda session: hear(session, fact=fact, domain=domain, now=datetime.now(UTC)),
        )
        for wake in (ctx.sender_wake, ctx.scheduler_wake):
            wake.set()

    return handle

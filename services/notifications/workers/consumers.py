"""What the notifications service hears: events (its own copy, and the news participants
get), registration facts (who is registered, and the emails a person must get),
invitations to an organization's console and certificates of attendance (one email each,
and the images certificates carry), people's sessions (an email per session taken or
left), and webhooks turned off (an email to each owner)."""

from collections.abc import Awaitable, Callable, Hashable
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.context import NotificationsContext
from services.notifications.usecases import facts_heard
from services.notifications.usecases.agendas import hear_agenda
from services.notifications.usecases.certificates import hear_certificates_news
from services.notifications.usecases.invitations import hear_invitation
from services.notifications.usecases.webhook_notices import hear_webhook_disabled
from shared.bus.consumer import Batched, ConsumerSpec, Handler, Heard
from shared.contracts import (
    CertificatesNews,
    Envelope,
    EventFact,
    InvitationSentV1,
    SessionsChangedV1,
    WebhookDisabledV1,
    parse_fact,
)
from shared.contracts.registrations import RegistrationFact
from shared.inbox import Effect, run_batch, run_once

EVENTS_CONSUMER = "notifications-events"
INVITATIONS_CONSUMER = "notifications-invitations"
REGISTRATIONS_CONSUMER = "notifications-registrations"
CERTIFICATES_CONSUMER = "notifications-certificates"
SESSIONS_CONSUMER = "notifications-sessions"
WEBHOOKS_CONSUMER = "notifications-webhooks"
F = TypeVar("F", contravariant=True)
# Registration facts come one by one in a rush (each registration commits and is relayed on
# its own): gathered for this long, they are heard several to a transaction. A batch costs
# ~4 ms of CPU whatever it holds, each fact ~0.9 ms more (python -m bench.notifications
# --batch N); an email may wait this long more.
GATHER_SECONDS = 0.1


class Hearing(Protocol[F]):
    """A use case that hears one kind of fact, in the consumer's transaction."""

    def __call__(
        self, session: AsyncSession, *, fact: F, domain: str, now: datetime
    ) -> Awaitable[None]: ...


def consumers(ctx: NotificationsContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    settings = ctx.settings
    on_event = _handler(ctx, EVENTS_CONSUMER, EventFact, facts_heard.hear_event)
    on_registration = _handler(
        ctx,
        REGISTRATIONS_CONSUMER,
        RegistrationFact,
        facts_heard.hear_registration,
        scope=lambda fact: (
            fact.registration_id
        ),  # a fact reads and writes its registration's rows only
        prepare=facts_heard.preload_registrations,
    )
    on_invitation = _handler(ctx, INVITATIONS_CONSUMER, InvitationSentV1, hear_invitation)
    on_certificate = _handler(ctx, CERTIFICATES_CONSUMER, CertificatesNews, hear_certificates_news)
    on_sessions = _handler(ctx, SESSIONS_CONSUMER, SessionsChangedV1, hear_agenda)
    on_webhook = _handler(ctx, WEBHOOKS_CONSUMER, WebhookDisabledV1, hear_webhook_disabled)
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
                gather_seconds=GATHER_SECONDS,
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
        (
            ConsumerSpec.configured(
                settings,
                stream="REGISTRATIONS",
                durable=CERTIFICATES_CONSUMER,
                subjects=("registrations.certificate.>",),
            ),
            on_certificate,
        ),
        (
            ConsumerSpec.configured(
                settings,
                stream="REGISTRATIONS",
                durable=SESSIONS_CONSUMER,
                subjects=("registrations.sessions.>",),
            ),
            on_sessions,
        ),
        (
            ConsumerSpec.configured(
                settings, stream="EVENTS", durable=WEBHOOKS_CONSUMER, subjects=("events.webhook.>",)
            ),
            on_webhook,
        ),
    )


def _handler(
    ctx: NotificationsContext,
    consumer: str,
    heard: type[F],
    hear: Hearing[F],
    *,
    scope: Callable[[F], Hashable] | None = None,
    prepare: Callable[[AsyncSession, list[F]], Awaitable[None]] | None = None,
) -> Handler:
    """Hear each fact of the `heard` kind once, alone or a fetched batch in one transaction,
    then wake the sender and the scheduler (they send deliveries and release scheduled mail
    by loops of their own). `scope` names the rows a fact reads and writes, when facts of
    different scopes can stage their rows together (shared.inbox.run_batch); `prepare` reads
    at once, in the batch's transaction, what its facts would read one by one."""
    domain = ctx.settings.calendar_domain

    def effect(fact: F, now: datetime) -> Effect:
        return lambda session: hear(session, fact=fact, domain=domain, now=now)

    def wake() -> None:
        for event in (ctx.sender_wake, ctx.scheduler_wake):
            event.set()

    async def handle(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if not isinstance(fact, heard):
            return  # tokens, and facts this version does not know: acked, ignored
        now = datetime.now(UTC)
        await run_once(
            ctx.sessions, consumer=consumer, message_id=envelope.id, effect=effect(fact, now)
        )
        wake()

    async def handle_batch(batch: list[Heard]) -> None:
        now = datetime.now(UTC)
        effects, facts = [], []
        for item in batch:
            fact = parse_fact(item.envelope)
            if isinstance(fact, heard):
                where = scope(fact) if scope is not None else None
                effects.append((item.envelope.id, where, _in_span(item, effect(fact, now))))
                facts.append(fact)
        before = None if prepare is None else _preparing(prepare, facts)
        if effects and await run_batch(
            ctx.sessions, consumer=consumer, effects=effects, prepare=before
        ):
            wake()

    return Batched(one=handle, batch=handle_batch)


def _preparing(
    prepare: Callable[[AsyncSession, list[F]], Awaitable[None]], facts: list[F]
) -> Effect:
    return lambda session: prepare(session, facts)


def _in_span(item: Heard, effect: Effect) -> Effect:
    """The effect inside its message's span, so the rows it makes keep that trace."""

    async def traced(session: AsyncSession) -> None:
        with item.span():
            await effect(session)

    return traced

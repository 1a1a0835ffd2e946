"""The sending loop: claim due deliveries, compose, send, record the outcome."""

import logging
import time
from datetime import UTC, datetime

from services.notifications.context import NotificationsContext
from services.notifications.formats.email import compose_bytes
from services.notifications.settings import NotificationsSettings
from services.notifications.storage.tables import Delivery
from services.notifications.usecases import deliveries
from services.notifications.workers.metrics import EMAILS
from services.notifications.workers.smtp import Mailer, SendFailed
from shared import tracing
from shared.contracts import EventSnapshotV1
from shared.db import SessionFactory
from shared.wakeups import sleep_until_woken

log = logging.getLogger(__name__)

CLAIM_LIMIT = 50


async def run_sender(ctx: NotificationsContext) -> None:
    """Send until cancelled; woken by new deliveries, polling as a fallback."""
    settings = ctx.settings
    wake = ctx.sender_wake
    mailer = Mailer(settings)
    try:
        while True:
            try:
                sent = await send_due(ctx.sessions, mailer, settings)
            except Exception:
                log.exception("sending round failed; trying again")
                sent = 0
            if sent:
                continue
            wake.clear()
            await sleep_until_woken(wake, settings.sender_poll_seconds)
    finally:
        await mailer.close()


async def send_due(
    sessions: SessionFactory, mailer: Mailer, settings: NotificationsSettings
) -> int:
    """Claim and send one batch; returns how many were claimed."""
    async with sessions() as session:
        claimed = await deliveries.claim_due(
            session=session,
            now=datetime.now(UTC),
            lease_seconds=settings.sending_lease_seconds,
            limit=claim_limit(settings),
        )
    # Past half the lease, another replica may soon take the rest over: hand it back now
    # rather than risk sending an email that it sends too (a slow or timing-out server).
    hand_back_at = time.monotonic() + settings.sending_lease_seconds / 2
    for position, delivery_id in enumerate(claimed):
        if time.monotonic() > hand_back_at:
            async with sessions() as session:
                await deliveries.release(
                    session=session, delivery_ids=claimed[position:], now=datetime.now(UTC)
                )
            break
        await _send_one(sessions, mailer, settings, delivery_id)
    return len(claimed)


def claim_limit(settings: NotificationsSettings) -> int:
    """How many deliveries to claim at once: at the sending rate, a batch must leave well
    within its lease, or another replica would take the rest over and send them twice."""
    rate = settings.sending_rate_per_second
    if rate <= 0:
        return CLAIM_LIMIT
    return max(1, min(CLAIM_LIMIT, int(rate * settings.sending_lease_seconds / 2)))


async def _send_one(
    sessions: SessionFactory, mailer: Mailer, settings: NotificationsSettings, delivery_id: int
) -> None:
    async with sessions() as session:
        delivery, event = await deliveries.load_for_sending(
            session=session, delivery_id=delivery_id
        )
    # The trace of the fact that queued it: one registration is followed from its request to
    # the log line saying its email left.
    with tracing.span(f"send {delivery.kind}", kind="client", parent=delivery.traceparent or ""):
        await _compose_and_send(sessions, mailer, settings, delivery, event)


async def _compose_and_send(
    sessions: SessionFactory,
    mailer: Mailer,
    settings: NotificationsSettings,
    delivery: Delivery,
    event: EventSnapshotV1 | None,
) -> None:
    assert delivery.id is not None
    try:
        message = compose_bytes(
            deliveries.letter_of(delivery),
            event,
            mail_from=settings.mail_from,
            organizer_email=settings.organizer_email,
            domain=settings.calendar_domain,
            now=datetime.now(UTC),
        )
        await mailer.send_bytes(message, recipient=delivery.recipient_email)
    except SendFailed as failure:
        log.warning("delivery %s failed (%s)", delivery.key, failure)
        await _record_failure(sessions, settings, delivery, str(failure), failure.permanent)
        return
    except Exception as exc:  # a message we cannot build will not build on retry either
        log.exception("delivery %s cannot be composed", delivery.key)
        await _record_failure(sessions, settings, delivery, f"compose: {exc}", True)
        return
    async with sessions() as session:
        await deliveries.mark_sent(session=session, delivery_id=delivery.id, now=datetime.now(UTC))
    EMAILS.labels(delivery.kind, "sent").inc()
    log.info(
        "email %s accepted by SMTP",
        delivery.kind,
        extra={"delivery": delivery.key, "kind": delivery.kind, "message_id": delivery.message_id},
    )


async def _record_failure(
    sessions: SessionFactory,
    settings: NotificationsSettings,
    delivery: Delivery,
    error: str,
    permanent: bool,
) -> None:
    assert delivery.id is not None
    async with sessions() as session:
        retrying = await deliveries.mark_failed_attempt(
            session=session,
            delivery_id=delivery.id,
            error=error,
            permanent=permanent,
            now=datetime.now(UTC),
            schedule=settings.retry_schedule_seconds,
        )
    EMAILS.labels(delivery.kind, "retrying" if retrying else "failed").inc()

"""The sending loop: claim a batch of due deliveries with their events, send them over several
SMTP connections at the process's pace, and mark each around its SMTP exchange: "sending"
committed just before DATA, "sent" with the next "sending" or the next claim (the one that
finds nothing due, before the sender sleeps, too)."""

import asyncio
import logging
import time
from collections import deque
from datetime import UTC, datetime
from email.utils import parseaddr
from functools import partial
from typing import Any

from services.notifications.context import NotificationsContext
from services.notifications.formats.email import compose_bytes
from services.notifications.settings import NotificationsSettings
from services.notifications.storage.tables import Delivery
from services.notifications.usecases import sending
from services.notifications.usecases.certificates import images_named, images_of
from services.notifications.usecases.deliveries import letter_of
from services.notifications.usecases.sending import Held, Outgoing
from services.notifications.workers.marks import Marks
from services.notifications.workers.metrics import EMAILS
from services.notifications.workers.smtp import Composed, Mailer, Pacer, SendFailed
from shared import tracing
from shared.certificate_pdf import fonts_in
from shared.db import SessionFactory
from shared.wakeups import sleep_until_woken

log = logging.getLogger(__name__)
# Emails that carry a PDF (~36 CPU-ms each): written in a thread, so that the loop keeps
# acknowledging facts and answering health checks between the thread's slices.
SLOW_TO_COMPOSE = frozenset({"certificate"})

CLAIM_LIMIT = 50


async def run_sender(ctx: NotificationsContext) -> None:
    """Send until cancelled; woken by new deliveries, polling as a fallback."""
    settings = ctx.settings
    wake = ctx.sender_wake
    sender = Sender(ctx.sessions, settings)
    try:
        while True:
            try:
                sent = await sender.send_due()
            except Exception:
                log.exception("sending round failed; trying again")
                sent = 0
            if sent:
                continue
            wake.clear()
            await sleep_until_woken(wake, settings.sender_poll_seconds)
    finally:
        await sender.close()


def claim_limit(settings: NotificationsSettings) -> int:
    """How many deliveries to claim at once: at the sending rate, a batch must leave well
    within its lease, or another replica would take the rest over (and its sender here
    would find them gone: work done twice, though no email sent twice)."""
    rate = settings.sending_rate_per_second
    if rate <= 0:
        return CLAIM_LIMIT
    return max(1, min(CLAIM_LIMIT, int(rate * settings.sending_lease_seconds / 2)))


def by_recipient(outgoing: list[Outgoing]) -> deque[deque[Outgoing]]:
    """The batch as one queue per recipient, in claim order: a connection sends one person's
    emails one after the other, so that a cancellation never overtakes the confirmation
    before it on another connection."""
    groups: dict[str, deque[Outgoing]] = {}
    for item in outgoing:
        groups.setdefault(item.delivery.recipient_email.lower(), deque()).append(item)
    return deque(groups.values())


def send_lease_seconds(settings: NotificationsSettings) -> float:
    """How long an email whose DATA began stays its sender's: the DATA exchange lasts at most
    SMTP_TIMEOUT_SECONDS, and as much again is left for the mark that follows."""
    return 2 * settings.smtp_timeout_seconds


class Sender:
    """One process's sender: SMTP_CONNECTIONS connections sharing one pace and one set of
    marks."""

    def __init__(self, sessions: SessionFactory, settings: NotificationsSettings) -> None:
        self._sessions = sessions
        self._settings = settings
        pacer = Pacer(settings.sending_rate_per_second)
        self._mailers = [Mailer(settings, pacer) for _ in range(settings.smtp_connections)]
        self.marks = Marks(sessions, send_lease_seconds(settings))
        self._envelope_from = parseaddr(settings.mail_from)[1]  # MAIL FROM, parsed once
        self._fonts = fonts_in(settings.assets_dir)  # the certificates' typeface

    async def send_due(self) -> int:
        """Claim and send one batch; returns how many were claimed."""
        settings = self._settings
        sent = self.marks.take_sent()  # the last batch's last 250s go with this claim
        try:
            async with self._sessions() as session:
                batch = await sending.claim_batch(
                    session=session,
                    now=datetime.now(UTC),
                    lease_seconds=settings.sending_lease_seconds,
                    limit=claim_limit(settings),
                    sent=sent,
                )
        except BaseException:
            self.marks.keep_sent(sent)
            raise
        _count_resends(batch.outgoing, batch.resent)
        waiting = by_recipient(batch.outgoing)
        # Past half the lease, another replica may soon take the rest over: hand it back now
        # rather than leave it to wait (a slow or timing-out server).
        hand_back_at = time.monotonic() + settings.sending_lease_seconds / 2
        try:
            async with asyncio.TaskGroup() as connections:
                for mailer in self._mailers[: len(waiting)]:
                    connections.create_task(self._drain(mailer, waiting, batch.held, hand_back_at))
        finally:
            if waiting:  # past half the lease, or stopping
                left = [o.delivery for group in waiting for o in group]
                await self._hand_back(left, batch.held)
        return len(batch.outgoing)

    async def close(self) -> None:
        """Commit the marks still pending (a 250 heard is recorded), then hang up."""
        try:
            await self.marks.flush()
        finally:
            for mailer in self._mailers:
                await mailer.close()

    async def _drain(
        self, mailer: Mailer, waiting: deque[deque[Outgoing]], held: Held, hand_back_at: float
    ) -> None:
        while waiting and time.monotonic() <= hand_back_at:
            group = waiting.popleft()
            try:
                while group and time.monotonic() <= hand_back_at:
                    await self._send_traced(mailer, group.popleft(), held)
            finally:  # past half the lease, or stopping: the rest of this person's goes back
                if group:
                    waiting.appendleft(group)

    async def _send_traced(self, mailer: Mailer, outgoing: Outgoing, held: Held) -> None:
        delivery = outgoing.delivery
        # The trace of the fact that queued it: one registration is followed from its
        # request to the log line saying its email left.
        with tracing.span(
            f"send {delivery.kind}", kind="client", parent=delivery.traceparent or ""
        ):
            try:
                await self._send_one(mailer, outgoing, held)
            except Exception:  # left claimed: taken over when the claim runs out
                log.exception("delivery %s not sent", delivery.key)

    async def _send_one(self, mailer: Mailer, outgoing: Outgoing, held: Held) -> None:
        delivery, settings = outgoing.delivery, self._settings
        delivery_id = delivery.id
        assert delivery_id is not None
        letter, slow = letter_of(delivery), delivery.kind in SLOW_TO_COMPOSE
        # Read before the try: a database that fails now is retried, not a failed email.
        images = await self._images(letter.facts) if slow else {}
        try:
            compose = partial(
                compose_bytes,
                letter,
                outgoing.event,
                mail_from=settings.mail_from,
                organizer_email=settings.organizer_email,
                domain=settings.calendar_domain,
                now=datetime.now(UTC),
                fonts=self._fonts,
                images=images,
            )
            content = await asyncio.to_thread(compose) if slow else compose()
            message = Composed(content, self._envelope_from, delivery.recipient_email)
        except Exception as exc:  # a message we cannot build will not build on retry either
            log.exception("delivery %s cannot be composed", delivery.key)
            await self._record_failure(delivery, held, f"compose: {exc}", permanent=True)
            return
        token = held

        async def before_data() -> bool:
            nonlocal token
            begun = await self.marks.begin(delivery_id, held)
            token = begun or held
            return begun is not None

        try:
            sent = await mailer.send(message, before_data=before_data)
        except SendFailed as failure:
            log.warning("delivery %s failed (%s)", delivery.key, failure)
            await self._record_failure(delivery, token, str(failure), failure.permanent)
            return
        if not sent:
            log.info("delivery %s is no longer this sender's: not sent", delivery.key)
            return
        self.marks.sent(delivery_id)
        EMAILS.labels(delivery.kind, "sent").inc()
        log.info(
            "email %s accepted by SMTP",
            delivery.kind,
            extra={
                "delivery": delivery.key,
                "kind": delivery.kind,
                "message_id": delivery.message_id,
            },
        )

    async def _images(self, facts: dict[str, Any]) -> dict[str, bytes]:
        """The images a certificate names (heard before it: see usecases/certificates.py)."""
        named = images_named(facts)
        if not named:
            return {}
        async with self._sessions() as session:
            return await images_of(session, named)

    async def _record_failure(
        self, delivery: Delivery, held: Held, error: str, permanent: bool
    ) -> None:
        assert delivery.id is not None
        async with self._sessions() as session:
            retrying = await sending.mark_failed_attempt(
                session=session,
                delivery_id=delivery.id,
                attempts=delivery.attempts,
                held=held,
                error=error,
                permanent=permanent,
                now=datetime.now(UTC),
                schedule=self._settings.retry_schedule_seconds,
            )
        EMAILS.labels(delivery.kind, "retrying" if retrying else "failed").inc()

    async def _hand_back(self, deliveries: list[Delivery], held: Held) -> None:
        ids = [d.id for d in deliveries if d.id is not None]
        try:
            async with self._sessions() as session:
                await sending.release(
                    session=session, delivery_ids=ids, held=held, now=datetime.now(UTC)
                )
        except Exception:  # they are taken over once the claim runs out
            log.exception("handing back %d deliveries failed", len(ids))


def _count_resends(outgoing: list[Outgoing], resent: frozenset[int]) -> None:
    """Say which emails go out again after a sender died in the middle of sending them."""
    for item in outgoing:
        if item.delivery.id in resent:
            EMAILS.labels(item.delivery.kind, "resent").inc()
            log.warning(
                "delivery %s was maybe delivered by a sender that died: sending it again "
                "with the same Message-ID",
                item.delivery.key,
                extra={"delivery": item.delivery.key, "message_id": item.delivery.message_id},
            )

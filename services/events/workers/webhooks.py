"""The webhook sender: claims due deliveries, posts each to its endpoint signed as Standard
Webhooks asks (a new timestamp and signature per attempt, the same webhook-id), and records
the answer. Started with the service; woken when the consumer stages deliveries, else polls.
The HTTP client is made when a delivery is first due, so that a service with no webhooks
keeps no client (nor its modules) in memory."""

import asyncio
import logging
import random
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from services.events.context import EventsContext
from services.events.domain.webhook_life import Answer
from services.events.domain.webhooks import headers
from services.events.usecases.webhook_sending import Outgoing, claim_due, record_answer
from shared.wakeups import sleep_until_woken

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
CLAIM_LIMIT = 20  # deliveries claimed, and sent at once, per round


async def run_webhooks(ctx: EventsContext) -> None:
    """Send due deliveries until cancelled."""
    sender = WebhookSender(ctx)
    try:
        while True:
            try:
                sent = await sender.send_due()
            except Exception:
                log.exception("webhook round failed; trying again")
                sent = 0
            if sent:
                continue
            ctx.webhooks_wake.clear()
            await sleep_until_woken(ctx.webhooks_wake, ctx.settings.webhook_poll_seconds)
    finally:
        await sender.close()


def lease_seconds(timeout: float) -> float:
    """How long a claim holds: the request's timeout, and as much again for the record."""
    return 2 * timeout


class WebhookSender:
    def __init__(self, ctx: EventsContext) -> None:
        self._ctx = ctx
        self._client: httpx.AsyncClient | None = None

    async def send_due(self) -> int:
        """Claim one round of due deliveries and send them at once; how many were claimed."""
        settings = self._ctx.settings
        async with self._ctx.sessions() as session:
            claimed = await claim_due(
                session,
                now=datetime.now(UTC),
                lease_seconds=lease_seconds(settings.webhook_timeout_seconds),
                limit=CLAIM_LIMIT,
            )
        if claimed:
            await asyncio.gather(*(self._send(outgoing) for outgoing in claimed))
        return len(claimed)

    async def _send(self, outgoing: Outgoing) -> None:
        answer = await self._post(outgoing)
        settings = self._ctx.settings
        async with self._ctx.sessions() as session:
            action = await record_answer(
                session,
                outgoing=outgoing,
                answer=answer,
                now=datetime.now(UTC),
                schedule=settings.webhook_retry_schedule_seconds,
                spread=random.uniform(-1.0, 1.0),  # jitter, not a secret
                events_url=settings.events_public_url,
            )
        log.info(
            "webhook %s to endpoint %s: %s (%s)",
            outgoing.message_id,
            outgoing.endpoint_id,
            answer.said() or "ok",
            action,
            extra={"webhook_id": outgoing.message_id, "attempt": outgoing.attempts},
        )
        if action is not None and action.value == "give up":
            self._ctx.relay.wake()  # the owners' email

    async def _post(self, outgoing: Outgoing) -> Answer:
        client = self._http()
        signed = headers(outgoing.secret, outgoing.message_id, int(time.time()), outgoing.body)
        try:
            response = await client.post(outgoing.url, content=outgoing.body, headers=signed)
        except Exception as exc:  # refused, reset, timed out, a bad address: a failed attempt
            return Answer(None, f"{type(exc).__name__}: {exc}"[:1000] or "no answer")
        return Answer(response.status_code)

    def _http(self) -> "httpx.AsyncClient":
        if self._client is None:
            import httpx  # loaded when a first delivery is due (module doc)

            timeout = self._ctx.settings.webhook_timeout_seconds
            self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=False)
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

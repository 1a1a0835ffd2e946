"""Durable pull consumers with explicit ack, backoff on failure, and dead letters.

Several replicas of a service bind to the same durable consumer and share its messages.
A handler that raises gets the message again after a growing delay; after `max_deliver`
attempts the message is copied to `deadletters.<durable>.<subject>` (stream DEADLETTERS,
with the error in a header) and terminated, so an operator can read and replay it.

A `Batched` handler takes the messages of one fetch heard for the first time together (one
transaction for all of them, acked after it commits); when the batch fails, nothing of it
was kept, and each message is handled alone, so one that keeps failing is retried alone.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.client import JetStreamContext
from pydantic import ValidationError

from shared import tracing
from shared.contracts import Envelope
from shared.metrics import MESSAGES_HANDLED, REDELIVERIES
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)

Handler = Callable[[Envelope], Awaitable[None]]


@dataclass
class Heard:
    """One message of a batch: its envelope, and the span its work is done in (a child of
    the producer's), kept for the lines logged once the batch commits."""

    envelope: Envelope
    subject: str
    parent: str
    context: tracing.TraceContext | None = None

    @contextmanager
    def span(self) -> Iterator[None]:
        with tracing.span(f"handle {self.subject}", kind="consumer", parent=self.parent) as here:
            self.context = here
            yield


@dataclass(frozen=True)
class Batched:
    """A handler of one message (`one`) that also hears several at once (`batch`): all in
    one transaction, or none (it raises), each message's work inside its `span()`."""

    one: Handler
    batch: Callable[[list[Heard]], Awaitable[None]]

    async def __call__(self, envelope: Envelope) -> None:
        await self.one(envelope)


@dataclass(frozen=True)
class ConsumerSpec:
    stream: str
    durable: str
    subjects: tuple[str, ...]
    max_deliver: int = 6
    backoff_seconds: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)
    ack_wait_seconds: float = 30.0
    batch: int = 50
    # After a fetch that did not fill the batch, wait this long before the next one: facts
    # that trickle in are then heard in batches (one transaction for several), at the cost
    # of that much latency; a message arriving after a quiet spell is heard at once.
    gather_seconds: float = 0.0

    @classmethod
    def configured(
        cls,
        settings: ServiceSettings,
        *,
        stream: str,
        durable: str,
        subjects: tuple[str, ...],
        gather_seconds: float = 0.0,
    ) -> "ConsumerSpec":
        """A consumer with the retry policy from the service's settings."""
        return cls(
            stream=stream,
            durable=durable,
            subjects=subjects,
            max_deliver=settings.consumer_max_deliver,
            backoff_seconds=settings.consumer_backoff_seconds,
            ack_wait_seconds=settings.consumer_ack_wait_seconds,
            gather_seconds=gather_seconds,
        )

    def config(self) -> ConsumerConfig:
        return ConsumerConfig(
            durable_name=self.durable,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.ack_wait_seconds,
            max_deliver=self.max_deliver,
            filter_subjects=list(self.subjects),
            max_ack_pending=1000,
        )

    def retry_delay(self, attempt: int) -> float:
        return self.backoff_seconds[min(attempt, len(self.backoff_seconds)) - 1]


async def run_consumer(js: JetStreamContext, spec: ConsumerSpec, handle: Handler) -> None:
    """Fetch and handle messages until cancelled; broker outages are waited out."""
    subscription = await _bind(js, spec)
    while True:
        try:
            messages = await subscription.fetch(batch=spec.batch, timeout=1.0)
        except (NatsTimeoutError, TimeoutError):
            continue
        except Exception as exc:
            log.warning("consumer %s cannot fetch (%s); waiting", spec.durable, exc)
            await asyncio.sleep(0.5)
            continue
        fetched = len(messages)
        if isinstance(handle, Batched) and fetched > 1:
            messages = await _deliver_batch(js, spec, handle, messages)
        for msg in messages:
            await _deliver(js, spec, handle, msg)
        if spec.gather_seconds and fetched < spec.batch:
            await asyncio.sleep(spec.gather_seconds)


async def _deliver_batch(
    js: JetStreamContext, spec: ConsumerSpec, handle: Batched, messages: list[Msg]
) -> list[Msg]:
    """Hear the messages delivered for the first time as one batch and ack them after it
    commits; returns those left to handle alone (redeliveries, or all of a failed batch)."""
    first = [msg for msg in messages if msg.metadata.num_delivered == 1]
    alone = [msg for msg in messages if msg.metadata.num_delivered != 1]
    heard: list[tuple[Msg, Heard]] = []
    for msg in first:
        try:
            envelope = Envelope.model_validate_json(msg.data)
        except ValidationError:
            alone.append(msg)  # dead-lettered there, as any unreadable message
            continue
        parent = (msg.headers or {}).get("traceparent") or envelope.traceparent or ""
        heard.append((msg, Heard(envelope, msg.subject, parent)))
    if len(heard) < 2:
        return messages
    try:
        await handle.batch([item for _, item in heard])
    except Exception as exc:
        log.warning("consumer %s: a batch failed (%s); each alone", spec.durable, exc)
        return messages
    MESSAGES_HANDLED.labels(spec.durable, "ok").inc(len(heard))
    for msg, item in heard:
        with tracing.within(item.context):
            _handled(spec, msg, item.envelope, 1)
        await _settle(msg.ack())
    return alone


async def _bind(js: JetStreamContext, spec: ConsumerSpec) -> JetStreamContext.PullSubscription:
    while True:
        try:
            await js.add_consumer(spec.stream, spec.config())
            return await js.pull_subscribe_bind(durable=spec.durable, stream=spec.stream)
        except Exception as exc:
            log.warning("consumer %s cannot bind (%s); retrying", spec.durable, exc)
            await asyncio.sleep(0.5)


async def _deliver(js: JetStreamContext, spec: ConsumerSpec, handle: Handler, msg: Msg) -> None:
    attempt = msg.metadata.num_delivered
    if attempt > 1:
        REDELIVERIES.labels(spec.durable).inc()
    try:
        envelope = Envelope.model_validate_json(msg.data)
    except ValidationError as exc:
        await _dead_letter(js, spec, msg, f"not a CloudEvents envelope: {exc}")
        return
    # The producer's span, from the header (or the envelope, for a replayed dead letter).
    parent = (msg.headers or {}).get("traceparent") or envelope.traceparent or ""
    with tracing.span(f"handle {msg.subject}", kind="consumer", parent=parent):
        await _handle(js, spec, handle, msg, envelope, attempt)


async def _handle(
    js: JetStreamContext,
    spec: ConsumerSpec,
    handle: Handler,
    msg: Msg,
    envelope: Envelope,
    attempt: int,
) -> None:
    try:
        await handle(envelope)
    except Exception as exc:
        log.exception("consumer %s failed on %s (attempt %d)", spec.durable, envelope.id, attempt)
        if attempt >= spec.max_deliver:
            await _dead_letter(js, spec, msg, f"{type(exc).__name__}: {exc}")
        else:
            MESSAGES_HANDLED.labels(spec.durable, "failed").inc()
            await _settle(msg.nak(delay=spec.retry_delay(attempt)))
        return
    MESSAGES_HANDLED.labels(spec.durable, "ok").inc()
    _handled(spec, msg, envelope, attempt)
    await _settle(msg.ack())


def _handled(spec: ConsumerSpec, msg: Msg, envelope: Envelope, attempt: int) -> None:
    log.info(
        "%s handled %s",
        spec.durable,
        msg.subject,
        extra={"consumer": spec.durable, "message_id": envelope.id, "attempt": attempt},
    )


async def _dead_letter(js: JetStreamContext, spec: ConsumerSpec, msg: Msg, reason: str) -> None:
    """Keep the message where operators can see it, then stop its redelivery."""
    headers = {
        "Nats-Msg-Id": f"{spec.durable}:{msg.metadata.sequence.stream}",
        "Convegni-Consumer": spec.durable,
        "Convegni-Subject": msg.subject,
        "Convegni-Error": reason[:1000],
    }
    try:
        await js.publish(f"deadletters.{spec.durable}.{msg.subject}", msg.data, headers=headers)
    except Exception:
        # Leave it to redelivery; past max_deliver the server raises the MAX_DELIVERIES advisory.
        log.exception("consumer %s could not dead-letter a message", spec.durable)
        return
    log.error("consumer %s dead-lettered %s: %s", spec.durable, msg.subject, reason)
    MESSAGES_HANDLED.labels(spec.durable, "dead_lettered").inc()
    await _settle(msg.term())


async def _settle(ack: Awaitable[None]) -> None:
    # An ack lost to a broker outage means a redelivery, which the inbox absorbs.
    try:
        await ack
    except Exception as exc:
        log.warning("could not settle a message: %s", exc)

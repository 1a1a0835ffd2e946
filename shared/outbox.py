"""Transactional outbox: facts are rows committed with the change they describe, then relayed.

A use case calls `add_to_outbox` before its commit; the relay publishes pending rows in order
and marks each one only after JetStream acked it. A crash before the ack leaves the row
pending (published again later); a crash after it is absorbed by JetStream's duplicate window,
because the row's message id is the Nats-Msg-Id.
"""

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Field, SQLModel, col
from sqlmodel.ext.asyncio.session import AsyncSession

from shared import tracing
from shared.bus.publisher import Publisher
from shared.contracts import Envelope, Fact
from shared.db import SessionFactory, execute_core
from shared.metrics import OUTBOX_PUBLISHED
from shared.wakeups import sleep_until_woken

log = logging.getLogger(__name__)


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"

    seq: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(max_length=64, unique=True)
    subject: str = Field(max_length=200)
    envelope: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    published_at: datetime | None = Field(default=None, index=True)
    # The trace of the change that staged the row, sent on as the `traceparent` header.
    traceparent: str | None = Field(default=None, max_length=55)


def add_to_outbox(session: AsyncSession, fact: Fact, *, source: str) -> OutboxMessage:
    """Stage a fact in the caller's transaction; nothing is sent until the caller commits."""
    row = OutboxMessage(**outbox_row(fact, source=source))
    session.add(row)
    return row


async def stage_in_outbox(session: AsyncSession, fact: Fact, *, source: str) -> None:
    """`add_to_outbox` written at once, with a Core INSERT (the hot path's way, see
    shared.db.execute_core). Rows the session still holds unflushed go first, so the
    outbox keeps the order in which the facts were staged."""
    if session.new:
        await session.flush()
    await execute_core(session, STAGE, outbox_row(fact, source=source))


def outbox_row(fact: Fact, *, source: str) -> dict[str, Any]:
    """The outbox row's columns for a fact, wrapped in its envelope."""
    traceparent = tracing.current_traceparent()
    envelope = Envelope.wrap(fact, source=source, traceparent=traceparent)
    return {
        "message_id": envelope.id,
        "subject": fact.subject,
        "envelope": envelope.model_dump_json(),
        "created_at": datetime.now(UTC),
        "traceparent": traceparent,
    }


STAGE = insert(OutboxMessage.__table__)  # type: ignore[attr-defined]  # a table model's


class OutboxRelay:
    """Publishes pending outbox rows, in order, whenever woken or every `poll_seconds`."""

    def __init__(
        self,
        sessions: SessionFactory,
        *,
        poll_seconds: float = 0.5,
        batch: int = 200,
    ) -> None:
        self._sessions = sessions
        self._poll_seconds = poll_seconds
        self._batch = batch
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Called after a commit that added rows, so they leave at once instead of at the poll."""
        self._wake.set()

    async def run(self, publisher: Publisher) -> None:
        delay = self._poll_seconds
        while True:
            try:
                while await self.publish_pending(publisher) == self._batch:
                    pass
                delay = self._poll_seconds
            except Exception as exc:  # broker or database away: keep the rows, try again later
                log.warning("outbox relay paused: %s", exc)
                delay = min(max(delay * 2, 0.5), 5.0)
            self._wake.clear()
            await sleep_until_woken(self._wake, delay)

    async def publish_pending(self, publisher: Publisher) -> int:
        """Publish up to one batch of pending rows; returns how many were published."""
        async with self._sessions() as session:
            rows = (
                await session.exec(  # type: ignore[call-overload]  # sqlmodel types 4 columns, not 5
                    sa_select(
                        col(OutboxMessage.seq),
                        col(OutboxMessage.subject),
                        col(OutboxMessage.envelope),
                        col(OutboxMessage.message_id),
                        col(OutboxMessage.traceparent),
                    )
                    .where(col(OutboxMessage.published_at).is_(None))
                    .order_by(col(OutboxMessage.seq))
                    .limit(self._batch)
                )
            ).all()
        acked: list[int | None] = []
        try:
            for seq, subject, envelope, message_id, traceparent in rows:
                with tracing.span(f"publish {subject}", kind="producer", parent=traceparent or ""):
                    await publisher.publish_raw(
                        subject,
                        envelope.encode(),
                        message_id=message_id,
                        headers=_trace_headers(),
                    )
                acked.append(seq)
        finally:
            await self._mark_published(acked)
            OUTBOX_PUBLISHED.inc(len(acked))
        return len(acked)

    async def _mark_published(self, seqs: list[int | None]) -> None:
        if not seqs:
            return
        async with self._sessions() as session:
            await session.exec(
                update(OutboxMessage)
                .where(col(OutboxMessage.seq).in_(seqs))
                .values(published_at=datetime.now(UTC))
            )
            await session.commit()


def _trace_headers() -> dict[str, str]:
    """The W3C header naming the current span, so the consumer continues the same trace."""
    traceparent = tracing.current_traceparent()
    return {"traceparent": traceparent} if traceparent else {}

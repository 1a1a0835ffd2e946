"""Consumer inbox: a message id is recorded in the same transaction as its effect.

A redelivered message finds its id already there and changes nothing.
"""

from collections.abc import Awaitable, Callable, Hashable, Sequence
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.db import SessionFactory

Effect = Callable[[AsyncSession], Awaitable[None]]


class InboxMessage(SQLModel, table=True):
    __tablename__ = "inbox"

    consumer: str = Field(primary_key=True, max_length=100)
    message_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


async def already_handled(session: AsyncSession, *, consumer: str, message_id: str) -> bool:
    return await session.get(InboxMessage, (consumer, message_id)) is not None


def record_handled(session: AsyncSession, *, consumer: str, message_id: str) -> None:
    """Stage the inbox row; it commits (or not) together with the message's effect."""
    session.add(InboxMessage(consumer=consumer, message_id=message_id))


async def run_once(
    sessions: SessionFactory,
    *,
    consumer: str,
    message_id: str,
    effect: Effect,
) -> bool:
    """The use-case boundary of a consumer: apply `effect` and record the message id in one
    transaction, unless the id is recorded already. Returns False for a repeat."""
    async with sessions() as session:
        if await already_handled(session, consumer=consumer, message_id=message_id):
            return False
        await effect(session)
        record_handled(session, consumer=consumer, message_id=message_id)
        try:
            await session.commit()
        except IntegrityError:
            # Another replica handled the same message at the same moment.
            await session.rollback()
            return False
    return True


async def run_batch(
    sessions: SessionFactory,
    *,
    consumer: str,
    effects: Sequence[tuple[str, Hashable | None, Effect]],
    prepare: Effect | None = None,
) -> int:
    """The use-case boundary of a batch of messages, (message id, scope, effect) in order:
    the effects of the ids not recorded yet, and their inbox rows, in one transaction.
    `prepare` runs first in it, to read at once what the effects would read one by one.
    Raises, having kept nothing, when an effect or the commit fails (another replica
    recorded one of the ids first: IntegrityError); the caller then runs each alone.
    Returns how many were applied.

    The rows an effect stages are written together with the next ones (one INSERT for
    many rows), not before the effect's reads: so an effect must read nothing staged by
    another of its scope (a registration's facts, say). The session is flushed before an
    effect whose scope is already in play, and around one of no scope (None)."""
    async with sessions() as session:
        ids = [message_id for message_id, _, _ in effects]
        recorded = await session.exec(
            select(InboxMessage.message_id).where(
                InboxMessage.consumer == consumer, col(InboxMessage.message_id).in_(ids)
            )
        )
        done = set(recorded.all())
        if prepare is not None:
            await prepare(session)
        in_play: set[Hashable | None] = set()
        applied = 0
        with session.no_autoflush:
            for message_id, scope, effect in effects:
                if message_id in done:
                    continue  # a redelivery, or the same message twice in one fetch
                if scope is None or scope in in_play or None in in_play:
                    await session.flush()
                    in_play.clear()
                done.add(message_id)
                await effect(session)
                record_handled(session, consumer=consumer, message_id=message_id)
                in_play.add(scope)
                applied += 1
        await session.commit()
    return applied

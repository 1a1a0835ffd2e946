"""Consumer inbox: a message id is recorded in the same transaction as its effect.

A redelivered message finds its id already there and changes nothing.
"""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.db import SessionFactory


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
    effect: Callable[[AsyncSession], Awaitable[None]],
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

"""Consumer inbox: a message id is recorded in the same transaction as its effect.

A redelivered message finds its id already there and changes nothing.
"""

from datetime import UTC, datetime

from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession


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

"""The delivery log as operators read it, and the one thing they may do to it: retry now."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain import delivery_life
from services.notifications.domain.delivery_life import DeliveryAction, Occasion
from services.notifications.storage.tables import Delivery
from shared.errors import NotFound

SHOWN = 500


async def recent(*, session: AsyncSession, status: str | None = None) -> list[Delivery]:
    """The newest deliveries first, optionally of one status only."""
    query = select(Delivery).order_by(col(Delivery.id).desc()).limit(SHOWN)
    if status:
        query = query.where(Delivery.status == status)
    return list((await session.exec(query)).all())


async def retry_now(*, session: AsyncSession, delivery_id: int, now: datetime) -> Delivery:
    """Make a failed or retrying delivery due now; its attempts and last error stay until the
    next attempt. A conditional UPDATE, so a sender claiming it meanwhile wins cleanly."""
    retry = DeliveryAction.RETRY_NOW
    result = await session.exec(
        update(Delivery)
        .where(
            col(Delivery.id) == delivery_id,
            col(Delivery.status).in_(delivery_life.TABLE.origins(retry)),
        )
        .values(delivery_life.change(retry, Occasion(now=now)).values())
    )
    await session.commit()
    delivery = await session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFound(f"No delivery {delivery_id}")
    if result.rowcount != 1:
        raise delivery_life.TABLE.refused(delivery.status, retry, subject=f"Delivery {delivery_id}")
    return delivery

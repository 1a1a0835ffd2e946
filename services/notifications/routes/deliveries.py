"""The delivery log: what was sent, what is waiting, what failed and why."""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlmodel import col, select

from services.notifications.models import Delivery
from shared.web.deps import SessionDep

router = APIRouter(prefix="/api/deliveries", tags=["deliveries"])


class DeliveryPublic(BaseModel):
    key: str
    kind: str
    recipient_email: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


@router.get("")
async def list_deliveries(session: SessionDep, status: str | None = None) -> list[DeliveryPublic]:
    """Newest first, optionally only one status (queued, sending, sent, retrying, failed)."""
    query = select(Delivery).order_by(col(Delivery.id).desc()).limit(500)
    if status:
        query = query.where(Delivery.status == status)
    rows = (await session.exec(query)).all()
    return [DeliveryPublic.model_validate(row, from_attributes=True) for row in rows]

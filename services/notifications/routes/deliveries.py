"""The delivery log: what was sent, what is waiting, what failed and why; retry by hand."""

from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException

from services.notifications.routes import deliveries_page, operators
from services.notifications.routes.delivery_log import (
    STATUSES,
    DeliveryPublic,
    recent,
    retry_now,
    wake_sender,
)
from services.notifications.routes.operators import OperatorDep
from shared.errors import UserFacingError
from shared.web.deps import CtxDep, SessionDep

api = APIRouter(prefix="/api/deliveries", tags=["deliveries"])


@api.get("")
async def list_deliveries(
    session: SessionDep, _: OperatorDep, status: str | None = None
) -> list[DeliveryPublic]:
    """Newest first, optionally only one status (queued, sending, sent, retrying, failed)."""
    if status and status not in STATUSES:
        raise HTTPException(422, f"status is one of {', '.join(STATUSES)}")
    return await recent(session=session, status=status)


@api.post("/{delivery_id}/retry")
async def retry_delivery(
    delivery_id: int, session: SessionDep, ctx: CtxDep, _: OperatorDep
) -> DeliveryPublic:
    """A failed or retrying delivery is queued now (409 for any other status)."""
    try:
        delivery = await retry_now(session=session, delivery_id=delivery_id, now=datetime.now(UTC))
    except UserFacingError as exc:
        raise HTTPException(exc.status, exc.message) from exc
    wake_sender(ctx)
    return delivery


# main.py includes this one router: the API, the operators' login and the page.
router = APIRouter()
router.include_router(api)
router.include_router(operators.router)
router.include_router(deliveries_page.router)

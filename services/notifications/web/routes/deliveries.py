"""The delivery log: what was sent, what is waiting, what failed and why; retry by hand."""

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException

from services.notifications.context import CtxDep
from services.notifications.domain.delivery_life import DeliveryStatus
from services.notifications.usecases.delivery_log import recent, retry_now
from services.notifications.web.routes import deliveries_page, operators
from services.notifications.web.routes.operators import OperatorDep
from services.notifications.web.schemas import DeliveryPublic, Problem
from shared.errors import UserFacingError
from shared.web.deps import SessionDep
from shared.web.inputs import RowIdInPath

api = APIRouter(prefix="/api/deliveries", tags=["deliveries"])


def _refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    reasons = {
        401: "No operator token, or a wrong one (OPS_TOKEN)",
        404: "No such delivery",
        409: "Only a failed or retrying delivery can be retried",
    }
    return {status: {"model": Problem, "description": reasons[status]} for status in statuses}


@api.get("", responses=_refusals(401))
async def list_deliveries(
    session: SessionDep, _: OperatorDep, status: DeliveryStatus | None = None
) -> list[DeliveryPublic]:
    """Newest first, optionally only one status."""
    rows = await recent(session=session, status=status)
    return [DeliveryPublic.model_validate(row, from_attributes=True) for row in rows]


@api.post("/{delivery_id}/retry", responses=_refusals(401, 404, 409))
async def retry_delivery(
    delivery_id: RowIdInPath, session: SessionDep, ctx: CtxDep, _: OperatorDep
) -> DeliveryPublic:
    """A failed or retrying delivery is queued now (409 for any other status)."""
    try:
        delivery = await retry_now(session=session, delivery_id=delivery_id, now=datetime.now(UTC))
    except UserFacingError as exc:
        raise HTTPException(exc.status, exc.message) from exc
    ctx.sender_wake.set()
    return DeliveryPublic.model_validate(delivery, from_attributes=True)


# What main.py serves: the API, the operators' login and the page.
ROUTERS = (api, operators.router, deliveries_page.router)

"""The operators' page: the delivery log as a table, with a retry button on failed rows."""

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.notifications.context import CtxDep
from services.notifications.domain.delivery_life import STATUSES, TABLE, DeliveryAction
from services.notifications.storage.tables import Delivery
from services.notifications.usecases.delivery_log import recent, retry_now
from services.notifications.web.routes.operators import OperatorDep, check_form, form_csrf
from shared.errors import UserFacingError
from shared.web.deps import PagesDep, SessionDep
from shared.web.i18n import pick_language
from shared.web.timefmt import local

router = APIRouter(tags=["deliveries"], include_in_schema=False)


def next_try(delivery: Delivery) -> str:
    """When it is tried again, in Rome's time; nothing once it is sent or failed."""
    if delivery.status not in TABLE.origins(DeliveryAction.CLAIM):
        return ""
    return local(delivery.next_attempt_at, "Europe/Rome").strftime("%d/%m/%Y %H:%M:%S")


@router.get("/deliveries", response_class=HTMLResponse)
async def deliveries_page(
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
    _: OperatorDep,
    status: str | None = None,
    retried: int | None = None,
    refused: int | None = None,
    reason: str = "",
) -> HTMLResponse:
    """The newest deliveries as a table; a failed one has a button to try it again now."""
    translate = pages.translator(request)
    rows = await recent(session=session, status=status if status in STATUSES else None)
    notice = ""
    if retried is not None:
        notice = translate("retried", id=retried)
    elif refused is not None:
        notice = translate("refused", id=refused, reason=reason)
    context = {
        "rows": rows,
        "statuses": STATUSES,
        "notice": notice,
        "csrf": form_csrf(request, ctx),
        "next_try": next_try,
    }
    response = pages.render(request, "deliveries.html", context)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/deliveries/{delivery_id}/retry")
async def retry_from_page(
    delivery_id: int,
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    via: OperatorDep,
    csrf_token: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    """The page's button: queue the delivery now, then back to the page saying so."""
    check_form(request, ctx, via, csrf_token)
    lang = pick_language(request)
    try:
        await retry_now(session=session, delivery_id=delivery_id, now=datetime.now(UTC))
    except UserFacingError as exc:
        query = {"lang": lang, "refused": delivery_id, "reason": exc.message}
    else:
        ctx.sender_wake.set()
        query = {"lang": lang, "retried": delivery_id}
    return RedirectResponse(f"/deliveries?{urlencode(query)}", 303)

"""An organization's webhooks (owners only): its endpoints listed and added (an address, the
kinds of event chosen), each endpoint's page with its signing secret, on or off, removal,
and its delivery log with a button to send a delivery again."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends
from fastapi.responses import HTMLResponse, Response

from services.events.domain.access import Action
from services.events.domain.webhooks import KINDS, WebhookRefused
from services.events.usecases import webhooks
from services.events.web.routes.console.forms import Problems, form_values
from services.events.web.routes.console.session import Workspace, console_router, needs
from shared.catalogs import N_
from shared.errors import NotFound
from shared.web.inputs import RowIdInPath

router = console_router()
WebhooksDep = Annotated[Workspace, Depends(needs(Action.WEBHOOKS))]
# Each kind as the form and the log say it.
KIND_LABELS = {
    "registration.confirmed": N_("webhook_kind_registration_confirmed"),
    "registration.waitlisted": N_("webhook_kind_registration_waitlisted"),
    "registration.cancelled": N_("webhook_kind_registration_cancelled"),
    "registration.checked_in": N_("webhook_kind_registration_checked_in"),
    "certificate.issued": N_("webhook_kind_certificate_issued"),
    "event.published": N_("webhook_kind_event_published"),
    "event.updated": N_("webhook_kind_event_updated"),
    "event.cancelled": N_("webhook_kind_event_cancelled"),
}
STATUS_LABELS = {
    "pending": N_("webhook_status_pending"),
    "delivered": N_("webhook_status_delivered"),
    "failed": N_("webhook_status_failed"),
}
REFUSALS = {"url": N_("webhook_error_url"), "kinds": N_("webhook_error_kinds")}


@router.get("/{org}/webhooks", response_class=HTMLResponse)
async def endpoints(ws: WebhooksDep) -> HTMLResponse:
    return await _list(ws, {"url": "", "description": ""}, list(KINDS), Problems())


@router.post("/{org}/webhooks", response_class=HTMLResponse)
async def add_endpoint(ws: WebhooksDep) -> Response:
    """Add an endpoint; its page shows the secret to verify signatures with."""
    form = await ws.form()
    values = form_values(form, ("url", "description"))
    chosen = [str(kind) for kind in form.getlist("kinds")]
    try:
        endpoint = await webhooks.add_endpoint(
            session=ws.session,
            principal=ws.principal,
            url=values["url"],
            kinds=chosen,
            description=values["description"][:200],
            allow_local_http=ws.settings.webhook_allow_local_http,
            now=datetime.now(UTC),
        )
    except WebhookRefused as refused:
        problems = Problems()
        problems.add(refused.field, REFUSALS[refused.field])
        return await _list(ws, values, chosen, problems, status_code=422)
    return ws.redirect(f"/webhooks/{endpoint.id}")


@router.get("/{org}/webhooks/{endpoint_id}", response_class=HTMLResponse)
async def endpoint_page(endpoint_id: RowIdInPath, ws: WebhooksDep) -> HTMLResponse:
    found = await webhooks.get_endpoint(
        session=ws.session, principal=ws.principal, endpoint_id=endpoint_id
    )
    log = await webhooks.deliveries(
        session=ws.session, principal=ws.principal, endpoint_id=endpoint_id
    )
    context = {
        "endpoint": found,
        "log": log,
        "kind_labels": KIND_LABELS,
        "status_labels": STATUS_LABELS,
        "section": "webhooks",
    }
    return ws.render("console/webhook.html", context)


@router.post("/{org}/webhooks/{endpoint_id}/enabled")
async def set_enabled(endpoint_id: RowIdInPath, ws: WebhooksDep) -> Response:
    """Turn the endpoint on (form field enabled=1) or off."""
    form = await ws.form()
    await webhooks.set_enabled(
        session=ws.session,
        principal=ws.principal,
        endpoint_id=endpoint_id,
        enabled=form.get("enabled") == "1",
        now=datetime.now(UTC),
    )
    ws.ctx.webhooks_wake.set()  # what it was owed leaves now
    return ws.redirect(f"/webhooks/{endpoint_id}")


@router.post("/{org}/webhooks/{endpoint_id}/remove")
async def remove(endpoint_id: RowIdInPath, ws: WebhooksDep) -> Response:
    await ws.form()
    await webhooks.remove_endpoint(
        session=ws.session, principal=ws.principal, endpoint_id=endpoint_id
    )
    return ws.redirect("/webhooks")


@router.post("/{org}/webhooks/{endpoint_id}/redeliver")
async def redeliver(endpoint_id: RowIdInPath, ws: WebhooksDep) -> Response:
    """Send one delivery of the log again (form field `delivery`), same webhook-id."""
    form = await ws.form()
    delivery = str(form.get("delivery") or "")
    if not delivery.isdecimal() or len(delivery) > 12:
        raise NotFound("No such delivery")
    await webhooks.redeliver(
        session=ws.session,
        principal=ws.principal,
        endpoint_id=endpoint_id,
        delivery_id=int(delivery),
        now=datetime.now(UTC),
    )
    ws.ctx.webhooks_wake.set()
    return ws.redirect(f"/webhooks/{endpoint_id}")


async def _list(
    ws: Workspace,
    values: dict[str, str],
    chosen: list[str],
    problems: Problems,
    status_code: int = 200,
) -> HTMLResponse:
    found = await webhooks.list_endpoints(session=ws.session, principal=ws.principal)
    context = {
        "endpoints": found,
        "values": values,
        "chosen": chosen,
        "problems": problems,
        "kind_labels": KIND_LABELS,
        "section": "webhooks",
    }
    return ws.render("console/webhooks.html", context, status_code=status_code)

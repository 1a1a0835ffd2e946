"""The operators' page: the delivery log as a table, with a retry button on failed rows."""

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.notifications.usecases.delivery_log import (
    STATUSES,
    DeliveryPublic,
    recent,
    retry_now,
    wake_sender,
)
from services.notifications.web.routes.operators import OperatorDep, check_form, form_csrf
from shared.errors import UserFacingError
from shared.web.deps import CtxDep, SessionDep
from shared.web.i18n import COMMON_MESSAGES, Translator, pick_language
from shared.web.timefmt import local

router = APIRouter(tags=["deliveries"], include_in_schema=False)

MESSAGES: dict[str, tuple[str, str]] = {
    "title": ("Invii email", "Email deliveries"),
    "all": ("tutti", "all"),
    "show": ("Mostra", "Show"),
    "caption": ("{count} invii, i più recenti per primi", "{count} deliveries, newest first"),
    "kind": ("Tipo", "Kind"),
    "recipient": ("Destinatario", "Recipient"),
    "status": ("Stato", "Status"),
    "attempts": ("Tentativi", "Attempts"),
    "next_try": ("Prossimo tentativo", "Next try"),
    "last_error": ("Ultimo errore", "Last error"),
    "action": ("Azione", "Action"),
    "retry": ("Riprova", "Retry"),
    "retry_for": ("Riprova: {email}", "Retry: {email}"),
    "none": ("Nessun invio.", "No deliveries."),
    "retried": ("Invio {id} in coda: parte a momenti.", "Delivery {id} queued: it leaves soon."),
    "refused": ("Invio {id}: {reason}", "Delivery {id}: {reason}"),
    "queued": ("in coda", "queued"),
    "sending": ("in invio", "sending"),
    "sent": ("inviata", "sent"),
    "retrying": ("nuovo tentativo", "retrying"),
    "failed": ("non riuscita", "failed"),
}
CATALOG = {**COMMON_MESSAGES, **MESSAGES}

# Inline: this service serves no other page, and its templates/ folder holds the emails.
PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ _("title") }} · Convegni</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
tr.failed { background: #fdecea; }
</style>
</head>
<body>
<main>
<p><a href="?lang={{ other }}" hreflang="{{ other }}">{{ _("other_language") }}</a></p>
<h1>{{ _("title") }}</h1>
{% if notice %}<p role="status">{{ notice }}</p>{% endif %}
<nav aria-label="{{ _('status') }}"><p>{{ _("show") }}:
<a href="?lang={{ lang }}">{{ _("all") }}</a>
{% for s in statuses %} · <a href="?lang={{ lang }}&amp;status={{ s }}">{{ _(s) }}</a>{% endfor %}
</p></nav>
<table>
<caption>{{ _("caption", count=rows | length) }}</caption>
<thead><tr>
<th scope="col">{{ _("kind") }}</th><th scope="col">{{ _("recipient") }}</th>
<th scope="col">{{ _("status") }}</th><th scope="col">{{ _("attempts") }}</th>
<th scope="col">{{ _("next_try") }}</th><th scope="col">{{ _("last_error") }}</th>
<th scope="col">{{ _("action") }}</th>
</tr></thead>
<tbody>
{% for d in rows %}
<tr class="{{ d.status }}" id="delivery-{{ d.id }}">
<td>{{ d.kind }}</td><td>{{ d.recipient_email }}</td><td>{{ _(d.status) }}</td>
<td>{{ d.attempts }}</td><td>{{ next_try(d) }}</td><td>{{ d.last_error or "" }}</td>
<td>{% if d.status == "failed" %}
<form method="post" action="/deliveries/{{ d.id }}/retry?lang={{ lang }}">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<button type="submit" aria-label="{{ _('retry_for', email=d.recipient_email) }}">
{{- _("retry") }}</button>
</form>{% endif %}</td>
</tr>
{% else %}
<tr><td colspan="7">{{ _("none") }}</td></tr>
{% endfor %}
</tbody>
</table>
</main>
</body>
</html>
""")


def next_try(delivery: DeliveryPublic) -> str:
    """When it is tried again, in Rome's time; nothing once it is sent or failed."""
    if delivery.status not in ("queued", "retrying"):
        return ""
    return local(delivery.next_attempt_at, "Europe/Rome").strftime("%d/%m/%Y %H:%M:%S")


@router.get("/deliveries", response_class=HTMLResponse)
async def deliveries_page(
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    _: OperatorDep,
    status: str | None = None,
    retried: int | None = None,
    refused: int | None = None,
    reason: str = "",
) -> HTMLResponse:
    """The newest deliveries as a table; a failed one has a button to try it again now."""
    translate = Translator(CATALOG, pick_language(request))
    rows = await recent(session=session, status=status if status in STATUSES else None)
    notice = ""
    if retried is not None:
        notice = translate("retried", id=retried)
    elif refused is not None:
        notice = translate("refused", id=refused, reason=reason)
    html = PAGE.render(
        _=translate,
        lang=translate.language,
        other="en" if translate.language == "it" else "it",
        rows=rows,
        statuses=STATUSES,
        notice=notice,
        csrf=form_csrf(request, ctx),
        next_try=next_try,
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


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
        wake_sender(ctx)
        query = {"lang": lang, "retried": delivery_id}
    return RedirectResponse(f"/deliveries?{urlencode(query)}", 303)

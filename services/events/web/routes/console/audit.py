"""The audit log (owners only): who did what and when, newest first, a page at a time, of
the whole organization or of one event."""

import json
from typing import Any

from fastapi import Query
from fastapi.responses import HTMLResponse

from services.events.storage.tables import AuditEntry
from services.events.usecases import audit
from services.events.web.routes.console.pages import PAGES
from services.events.web.routes.console.session import AuditDep, console_router
from shared.catalogs import Translator

router = console_router()


@router.get("/{org}/audit", response_class=HTMLResponse)
async def audit_log(
    ws: AuditDep,
    event: str | None = Query(default=None, max_length=36),
    page: int = Query(default=1, ge=1, le=100_000),
) -> HTMLResponse:
    found = await audit.read_log(
        session=ws.session, principal=ws.principal, event_id=event or None, page=page
    )
    _ = PAGES.translator(ws.request)
    context = {
        "log": found,
        "rows": [_said(entry, found.titles, _) for entry in found.entries],
        "event_filter": event or "",
        "section": "audit",
    }
    return ws.render("console/audit.html", context)


def _said(entry: AuditEntry, titles: dict[str, str], _: Translator) -> dict[str, Any]:
    """One entry in the reader's words: the roles named, the event by its current title."""
    details: dict[str, str] = json.loads(entry.details or "{}")
    roles = {name: f"member_role_{details[name]}" for name in ("role", "old") if name in details}
    words = {"subject": entry.subject} | {name: _(key) for name, key in roles.items()}
    said = f"audit_{entry.what}"
    event_title = titles.get(entry.event_id or "", details.get("event", ""))
    return {
        "entry": entry,
        "text": _(said, **words),
        "event_title": event_title,
    }

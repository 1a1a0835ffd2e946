"""An event's life: the preview, publishing, cancelling, and its published revisions."""

import json
from datetime import UTC, datetime
from typing import Literal

from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from services.events.usecases import editing
from services.events.web.routes.console.forms import Problems, from_validation
from services.events.web.routes.console.handover import hand_over
from services.events.web.routes.console.loading import load
from services.events.web.routes.console.pages import PAGES
from services.events.web.routes.console.session import (
    DoorDep,
    EditorDep,
    RegistrationsDep,
    WorkspaceDep,
    console_router,
)
from services.events.web.routes.pages import event_context
from services.events.web.routes.public_api import public
from services.events.web.schemas import CancelIn
from shared.contracts import ChangeV1

router = console_router()


@router.get("/{org}/events/{event_id}/preview", response_class=HTMLResponse)
async def preview(event_id: str, ws: WorkspaceDep) -> HTMLResponse:
    """The public page as it would look now, drafts and unpublished edits included."""
    event, snapshot = await load(ws, event_id)
    _ = PAGES.translator(ws.request)
    note = f"preview_note_{event.status}"
    banner = _("preview_banner") + ": " + _(note)
    context = {**event_context(public(snapshot), ws.ctx), "preview": banner, "event_id": event.id}
    return ws.render("console/preview.html", context)


@router.post("/{org}/events/{event_id}/publish")
async def publish(event_id: str, ws: EditorDep) -> Response:
    await ws.form()
    await editing.publish_event(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        events_url=ws.settings.events_public_url,
    )
    ws.wake()
    return ws.redirect(f"/events/{event_id}", done="published")


@router.get("/{org}/events/{event_id}/cancel", response_class=HTMLResponse)
async def confirm_cancel(event_id: str, ws: EditorDep) -> HTMLResponse:
    event, snapshot = await load(ws, event_id)
    context = {"event": event, "snapshot": snapshot, "values": {}, "problems": Problems()}
    return ws.render("console/cancel.html", context)


@router.post("/{org}/events/{event_id}/cancel")
async def cancel(event_id: str, ws: EditorDep) -> Response:
    """Call the event off: participants' calendars drop it."""
    form = await ws.form()
    reason = str(form.get("reason") or "")
    try:
        given = CancelIn(reason=reason or None)
    except ValidationError as error:
        problems = Problems()
        from_validation(problems, error, lambda loc: "reason")
        event, snapshot = await load(ws, event_id)
        context = {
            "event": event,
            "snapshot": snapshot,
            "values": {"reason": reason},
            "problems": problems,
        }
        return ws.render("console/cancel.html", context, status_code=422)
    await editing.cancel_event(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        reason=given.reason,
        events_url=ws.settings.events_public_url,
    )
    ws.wake()
    return ws.redirect(f"/events/{event_id}", done="cancelled")


@router.post("/{org}/events/{event_id}/complete")
async def complete(event_id: str, ws: EditorDep) -> Response:
    """Close an event that has ended: off the upcoming list, no more changes."""
    await ws.form()
    await editing.complete_event(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        now=datetime.now(UTC),
        events_url=ws.settings.events_public_url,
    )
    ws.wake()
    return ws.redirect(f"/events/{event_id}", done="completed")


@router.get("/{org}/events/{event_id}/revisions", response_class=HTMLResponse)
async def revisions(event_id: str, ws: WorkspaceDep) -> HTMLResponse:
    event, _ = await load(ws, event_id)
    rows = await editing.revisions(session=ws.session, principal=ws.principal, event_id=event_id)
    listed = [
        {"row": row, "changes": [ChangeV1.model_validate(c) for c in json.loads(row.changes)]}
        for row in rows
    ]
    return ws.render("console/revisions.html", {"event": event, "revisions": listed})


@router.get("/{org}/events/{event_id}/registrations")
async def registrations(event_id: str, ws: RegistrationsDep) -> Response:
    """On to the event's registrations, which the registrations service shows."""
    event, _ = await load(ws, event_id)
    return hand_over(ws, f"/organizer/events/{event.slug}")


@router.get("/{org}/events/{event_id}/checkin")
async def checkin(event_id: str, ws: DoorDep) -> Response:
    """On to the event's check-in page: door staff's only way into registrations."""
    event, _ = await load(ws, event_id)
    return hand_over(ws, f"/organizer/events/{event.slug}/checkin")


@router.get("/{org}/events/{event_id}/registrations/{page}")
async def registration_page(
    event_id: str, page: Literal["settings", "form"], ws: EditorDep
) -> Response:
    """On to the event's registration settings or its form's questions (drafts too: the
    form is prepared before publishing), for those who may edit it."""
    event, _ = await load(ws, event_id)
    return hand_over(ws, f"/organizer/events/{event.slug}/{page}")

"""Saved changes to a published event: what participants will be told, then publishing them
with or without notice, or discarding them."""

from fastapi.responses import HTMLResponse, Response

from services.events.usecases import announcing
from services.events.web.routes.console.loading import load
from services.events.web.routes.console.session import EditorDep, WorkspaceDep, console_router
from shared.announcements import told

router = console_router()


@router.get("/{org}/events/{event_id}/changes", response_class=HTMLResponse)
async def review(event_id: str, ws: WorkspaceDep) -> HTMLResponse:
    """The saved changes, as the email will say them, and the buttons that publish them."""
    event, _ = await load(ws, event_id)
    pending = await announcing.pending_changes(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        events_url=ws.settings.events_public_url,
    )
    online = pending is not None and pending.current.attendance_mode != "in_person"
    lines = {
        language: {
            mode: told(pending.changes, language=language, mode=mode) if pending else []
            for mode in ("in_person", "online")
        }
        for language in ("it", "en")
    }
    context = {"event": event, "pending": pending, "lines": lines, "online": online}
    return ws.render("console/changes.html", context)


@router.post("/{org}/events/{event_id}/changes/publish")
async def publish(event_id: str, ws: EditorDep) -> Response:
    """Publish every saved edit as one revision; `notify` "no" tells no one."""
    form = await ws.form()
    notify = form.get("notify") != "no"
    seen = form.get("seen")
    published = await announcing.publish_changes(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        notify=notify,
        seen=seen if isinstance(seen, str) else None,
        events_url=ws.settings.events_public_url,
    )
    ws.wake()
    if not published:
        return ws.redirect(f"/events/{event_id}", done="nothing_pending")
    return ws.redirect(f"/events/{event_id}", done="announced" if notify else "published_quietly")


@router.post("/{org}/events/{event_id}/changes/discard")
async def discard(event_id: str, ws: EditorDep) -> Response:
    """Back to the published revision: the saved edits are dropped."""
    await ws.form()
    discarded = await announcing.discard_changes(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        events_url=ws.settings.events_public_url,
    )
    return ws.redirect(f"/events/{event_id}", done="discarded" if discarded else "nothing_pending")

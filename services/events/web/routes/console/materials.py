"""An item's materials in the console: a PDF uploaded (type-checked, size-limited) or
removed, and its recording's link; each a quiet revision of a public event. A refusal shows
the item's page again, saying why."""

from fastapi.responses import HTMLResponse, Response
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import UploadFile

from services.events.domain.inputs import WebUrl
from services.events.domain.materials import MaterialRefused
from services.events.usecases import materials
from services.events.web.routes.console.programme import item_page
from services.events.web.routes.console.session import EditorDep, Workspace, console_router
from shared.catalogs import N_

router = console_router()
RECORDING = TypeAdapter(WebUrl)
NO_FILE = N_("material_error_none")
NOT_A_LINK = N_("recording_error")


def _item_path(event_id: str, item_id: int) -> str:
    return f"/events/{event_id}/programme/{item_id}/edit"


async def _refused(ws: Workspace, event_id: str, item_id: int, key: str) -> HTMLResponse:
    await ws.session.rollback()
    return await item_page(ws, event_id, item_id, extra={"material_error": key}, status_code=422)


@router.post("/{org}/events/{event_id}/programme/{item_id}/materials")
async def upload(event_id: str, item_id: int, ws: EditorDep) -> Response:
    form = await ws.form()
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        return await _refused(ws, event_id, item_id, NO_FILE)
    limit = ws.settings.max_upload_bytes
    content = await sent.read(limit + 1)  # one byte over says it is too big
    try:
        await materials.attach(
            ws.session,
            ws.principal,
            event_id=event_id,
            item_id=item_id,
            title=str(form.get("title") or ""),
            filename=sent.filename,
            content=content,
            max_bytes=limit,
            events_url=ws.settings.events_public_url,
        )
    except MaterialRefused as refused:
        return await _refused(ws, event_id, item_id, refused.key)
    ws.wake()
    return ws.redirect(_item_path(event_id, item_id), done="material_added")


@router.post("/{org}/events/{event_id}/programme/{item_id}/materials/{material_id}/remove")
async def remove(event_id: str, item_id: int, material_id: int, ws: EditorDep) -> Response:
    await ws.form()
    await materials.remove(
        ws.session,
        ws.principal,
        event_id=event_id,
        material_id=material_id,
        events_url=ws.settings.events_public_url,
    )
    ws.wake()
    return ws.redirect(_item_path(event_id, item_id), done="material_removed")


@router.post("/{org}/events/{event_id}/programme/{item_id}/recording")
async def recording(event_id: str, item_id: int, ws: EditorDep) -> Response:
    form = await ws.form()
    given = str(form.get("recording_url") or "").strip()
    try:
        url = RECORDING.validate_python(given) if given else None
    except ValidationError:
        return await _refused(ws, event_id, item_id, NOT_A_LINK)
    await materials.set_recording(
        ws.session,
        ws.principal,
        event_id=event_id,
        item_id=item_id,
        url=url,
        events_url=ws.settings.events_public_url,
    )
    ws.wake()
    return ws.redirect(_item_path(event_id, item_id), done="recording_saved")

"""Importing a programme from a spreadsheet in the console: upload (CSV or Excel), a preview
(what would change, what the checks warn about, or every problem with its row, and then
nothing to save), then confirm: the programme is saved whole as any console edit is (a
draft's content, or a published event's saved changes to review and publish).

The preview page keeps the programme it read in a hidden field, with the fingerprint of the
programme it was set against: confirming saves what was previewed, and if a colleague saved
the programme meanwhile, the page shows the new preview instead of saving.
"""

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fastapi.responses import HTMLResponse, Response
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import UploadFile

from services.events.storage.tables import Event
from services.events.web.routes.console.loading import load
from services.events.web.routes.console.pages import PAGES
from services.events.web.routes.console.session import (
    EditorDep,
    Workspace,
    WorkspaceDep,
    console_router,
)
from services.events.web.routes.programme_import_api import template_response
from services.events.web.schemas import ProgrammeItemIn
from shared.catalogs import N_
from shared.errors import Conflict, Invalid

if TYPE_CHECKING:  # the import itself is loaded when a page asks for it
    from services.events.usecases import programme_import

router = console_router()
PROGRAMME = TypeAdapter(list[ProgrammeItemIn])
NO_FILE = N_("import_no_file")
MOVED = N_("import_moved")
IMPORTED = N_("done_imported")  # said after the redirect (pages.DONE)
UNREADABLE = "The previewed programme could not be read back: upload the file again"


def _path(event_id: str) -> str:
    return f"/events/{event_id}/programme/import"


@router.get("/{org}/events/{event_id}/programme/import", response_class=HTMLResponse)
async def import_page(event_id: str, ws: EditorDep) -> HTMLResponse:
    """The upload form, the template and what its columns hold."""
    event, _ = await load(ws, event_id)
    return _page(ws, event, None)


@router.get("/{org}/events/{event_id}/programme.xlsx")
async def template(event_id: str, ws: WorkspaceDep) -> Response:
    """The template, filled with the programme, its headings in the reader's language."""
    from services.events.usecases import programme_import  # rare: loaded when asked

    slug, content = await programme_import.template(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        events_url=ws.settings.events_public_url,
        language=PAGES.language(ws.request),
    )
    return template_response(slug, content)


@router.post("/{org}/events/{event_id}/programme/import", response_class=HTMLResponse)
async def upload(event_id: str, ws: EditorDep) -> HTMLResponse:
    """The uploaded file's preview; nothing is saved."""
    event, _ = await load(ws, event_id)  # another organization's: not found, before the form
    form = await ws.form()
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        return _page(ws, event, None, file_error=NO_FILE, status_code=422)
    from services.events.usecases import programme_import  # rare: loaded when asked

    preview = await programme_import.preview_file(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        content=await sent.read(),  # the body's size limit bounds it
        events_url=ws.settings.events_public_url,
        now=datetime.now(UTC),
    )
    return _page(ws, event, preview, status_code=422 if preview.problems else 200)


@router.post("/{org}/events/{event_id}/programme/import/confirm")
async def confirm(event_id: str, ws: EditorDep) -> Response:
    """Save the previewed programme; if it changed meanwhile, the new preview instead."""
    await load(ws, event_id)  # another organization's: not found, before the form
    form = await ws.form()
    try:
        programme = PROGRAMME.validate_json(str(form.get("programme") or ""))
    except ValidationError as unreadable:
        raise Invalid(UNREADABLE) from unreadable
    from services.events.usecases import programme_import  # rare: loaded when asked

    preview = await programme_import.preview_programme(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        programme=programme,
        events_url=ws.settings.events_public_url,
        now=datetime.now(UTC),
    )
    try:
        await programme_import.save_import(
            session=ws.session,
            principal=ws.principal,
            preview=preview,
            seen=str(form.get("seen") or ""),
            events_url=ws.settings.events_public_url,
            publish=False,
        )
    except (Conflict, Invalid) as refused:
        await ws.session.rollback()  # nothing of a half-made save stays
        preview.event, _ = await load(ws, event_id)  # the rollback let go of the rows read
        moved = MOVED if isinstance(refused, Conflict) else None
        if isinstance(refused, Invalid) and not preview.problems:
            preview.problems = programme_import.problems_of(refused)
        return _page(ws, preview.event, preview, moved=moved, status_code=refused.status)
    ws.wake()  # a draft's save goes to registrations
    return ws.redirect(f"/events/{event_id}/programme", done="imported")


def _page(
    ws: Workspace,
    event: Event,
    preview: "programme_import.Preview | None",
    *,
    file_error: str | None = None,
    moved: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    language = PAGES.language(ws.request)
    context = {
        "event": event,
        "import_url": ws.url + _path(event.id),
        "preview": preview,
        "problems_said": [p.said(language) for p in preview.problems] if preview else [],
        "programme_json": PROGRAMME.dump_json(preview.programme).decode() if preview else "",
        "file_error": file_error,
        "moved": moved,
        "columns": _columns(),
    }
    return ws.render("console/programme_import.html", context, status_code=status_code)


def _columns() -> list[tuple[str, str]]:
    """The template's headings, Italian and English (the reader loaded when a page asks)."""
    from services.events.domain.programme_sheet import COLUMNS
    from services.events.domain.programme_template import heading

    return [(heading(column, "it"), heading(column, "en")) for column in COLUMNS]

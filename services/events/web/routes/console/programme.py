"""The programme editor: add, edit, move and remove items, one save (one revision) each.

Each operation loads the event as an EventIn, changes its programme and saves it whole. An
add or edit that brings new warnings (programme_warnings.py) shows the form again with them, until
the organizer fixes the item or chooses "Save anyway".
"""

from datetime import date, timedelta

from fastapi.responses import HTMLResponse, Response

from services.events.domain.editable import to_event_in
from services.events.domain.programme_checks import EventWarning
from services.events.storage.tables import ProgrammeItem
from services.events.usecases import directory, materials
from services.events.web.routes.console import programme_tree
from services.events.web.routes.console.forms import Problems, form_values, from_refusal
from services.events.web.routes.console.item_form import (
    ITEM_FIELDS,
    ITEM_RULES,
    KINDS,
    ROLES,
    item_from_values,
    item_values,
    rows_shown,
)
from services.events.web.routes.console.loading import editable, load, save, speaker_options
from services.events.web.routes.console.programme_warnings import ANYWAY, brought, standing
from services.events.web.routes.console.session import (
    EditorDep,
    Workspace,
    WorkspaceDep,
    console_router,
)
from services.events.web.schemas import EventIn
from shared.errors import Conflict, Invalid

router = console_router()
STEPS = {"up": -1, "down": 1}


@router.get("/{org}/events/{event_id}/programme", response_class=HTMLResponse)
async def programme(event_id: str, ws: WorkspaceDep) -> HTMLResponse:
    """The programme, and for editors the form to add an item."""
    return await _page(ws, event_id, item_values(None, None), Problems())


@router.post("/{org}/events/{event_id}/programme")
async def add_item(event_id: str, ws: EditorDep) -> Response:
    form = await ws.form()
    values = form_values(form, ITEM_FIELDS)
    _, current = await editable(ws, event_id)
    before = current.model_copy(deep=True)
    item, parent, problems = item_from_values(
        values,
        days=event_days(current),
        item_id=None,
        sections=_section_ids(current, None),
        tracks=[track.name for track in current.tracks],
    )
    if item is None:
        return await _page(ws, event_id, values, problems, status_code=422)
    programme_tree.insert(current.programme, item, parent)
    if not form.get(ANYWAY) and (pending := await brought(ws, before, current, None)):
        return await _page(ws, event_id, values, problems, pending=pending)
    return await _save(ws, event_id, current, values, item_id=None, done="added")


@router.get("/{org}/events/{event_id}/programme/{item_id}/edit", response_class=HTMLResponse)
async def edit_item(event_id: str, item_id: int, ws: EditorDep) -> HTMLResponse:
    _, current = await editable(ws, event_id)
    siblings, index, parent = programme_tree.locate(current.programme, item_id)
    values = item_values(siblings[index], parent)
    return await _page(ws, event_id, values, Problems(), item_id=item_id)


@router.post("/{org}/events/{event_id}/programme/{item_id}/edit")
async def update_item(event_id: str, item_id: int, ws: EditorDep) -> Response:
    """Replace one item (its own items stay with it), in place or in another section."""
    form = await ws.form()
    values = form_values(form, ITEM_FIELDS)
    _, current = await editable(ws, event_id)
    before = current.model_copy(deep=True)
    siblings, index, _ = programme_tree.locate(current.programme, item_id)
    existing = siblings[index]
    item, parent, problems = item_from_values(
        values,
        days=event_days(current),
        item_id=item_id,
        sections=_section_ids(current, item_id),
        tracks=[track.name for track in current.tracks],
    )
    if item is None:
        return await _page(ws, event_id, values, problems, item_id=item_id, status_code=422)
    edited = item.model_copy(update={"items": existing.items})
    programme_tree.replace(current.programme, edited, parent)
    if not form.get(ANYWAY) and (pending := await brought(ws, before, current, item_id)):
        return await _page(ws, event_id, values, problems, item_id=item_id, pending=pending)
    return await _save(ws, event_id, current, values, item_id=item_id, done="saved")


@router.post("/{org}/events/{event_id}/programme/{item_id}/move")
async def move_item(event_id: str, item_id: int, ws: EditorDep) -> Response:
    direction = str((await ws.form()).get("direction") or "")
    if direction not in STEPS:
        raise Invalid("Move an item up or down")
    _, current = await editable(ws, event_id)
    programme_tree.move(current.programme, item_id, STEPS[direction])
    await save(ws, event_id, current)
    return ws.redirect(f"/events/{event_id}/programme", done="moved")


@router.get("/{org}/events/{event_id}/programme/{item_id}/remove", response_class=HTMLResponse)
async def confirm_remove(event_id: str, item_id: int, ws: EditorDep) -> HTMLResponse:
    event, current = await editable(ws, event_id)
    siblings, index, _ = programme_tree.locate(current.programme, item_id)
    return ws.render("console/item_remove.html", {"event": event, "item": siblings[index]})


@router.post("/{org}/events/{event_id}/programme/{item_id}/remove")
async def remove_item(event_id: str, item_id: int, ws: EditorDep) -> Response:
    await ws.form()
    _, current = await editable(ws, event_id)
    programme_tree.remove(current.programme, item_id)
    await save(ws, event_id, current)
    return ws.redirect(f"/events/{event_id}/programme", done="removed")


async def _save(
    ws: Workspace,
    event_id: str,
    payload: EventIn,
    values: dict[str, str],
    *,
    item_id: int | None,
    done: str,
) -> Response:
    """Save the changed programme; a refusal shows the item form again with its reasons."""
    try:
        await save(ws, event_id, payload)
    except (Invalid, Conflict) as refusal:
        await ws.session.rollback()  # the half-applied change must not show in the page
        problems = from_refusal(refusal, ITEM_RULES)
        status = refusal.status
        return await _page(ws, event_id, values, problems, item_id=item_id, status_code=status)
    return ws.redirect(f"/events/{event_id}/programme", done=done)


async def _page(
    ws: Workspace,
    event_id: str,
    values: dict[str, str],
    problems: Problems,
    *,
    item_id: int | None = None,
    pending: list[EventWarning] | None = None,
    extra: dict[str, object] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The programme page with the add form, or (item_id given) the item's own form and its
    materials; each item with its warnings, and `pending` the ones the submitted form would
    bring. `extra`: more for the page to say (a material refused)."""
    event, snapshot = await load(ws, event_id)
    current = to_event_in(snapshot, venue_id=event.venue_id)
    venue = await directory.own(ws.session, ws.principal, directory.VENUES, event.venue_id)
    sections = programme_tree.sections(current.programme, besides=item_id)
    context = {
        "event": event,
        "snapshot": snapshot,
        "values": values,
        "problems": problems,
        "rows": rows_shown(values),
        "item_id": item_id,
        "kind_options": [(kind, f"kind_{kind}") for kind in KINDS],
        "role_options": [(role, f"speaker_role_{role}") for role in ROLES],
        "section_options": [(str(s.id), s.title) for s in sections],
        "speaker_options": await speaker_options(ws),
        "rooms": await directory.venue_rooms(ws.session, venue),
        "day_options": [(d.isoformat(), d) for d in event_days(current)],
        "track_options": [(t.name, t.name) for t in current.tracks],
        "warnings": standing(snapshot),
        "pending": pending or [],
        **(await item_materials(ws, item_id) if item_id is not None else {}),
        **(extra or {}),
    }
    template = "console/programme.html" if item_id is None else "console/item_form.html"
    return ws.render(template, context, status_code=status_code)


async def item_page(
    ws: Workspace, event_id: str, item_id: int, *, extra: dict[str, object], status_code: int
) -> HTMLResponse:
    """An item's own page as it stands, saying `extra` (a material or a link refused)."""
    _, current = await editable(ws, event_id)
    siblings, index, parent = programme_tree.locate(current.programme, item_id)
    values = item_values(siblings[index], parent)
    return await _page(
        ws, event_id, values, Problems(), item_id=item_id, extra=extra, status_code=status_code
    )


async def item_materials(ws: Workspace, item_id: int) -> dict[str, object]:
    """An item's materials and recording link, and the upload's limit in MB."""
    item = await ws.session.get(ProgrammeItem, item_id)
    return {
        "materials": await materials.of_item(ws.session, item_id),
        "recording_url": item.recording_url if item else None,
        "material_mb": ws.settings.max_upload_bytes // (1024 * 1024),
    }


def event_days(event: EventIn) -> list[date]:
    """The days an item's HH:MM may be on: the event's, first to last."""
    first, last = event.starts_at.date(), event.ends_at.date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _section_ids(event: EventIn, item_id: int | None) -> set[int]:
    sections = programme_tree.sections(event.programme, besides=item_id)
    return {section.id for section in sections if section.id is not None}

"""The organization's events: the list, a new one, its overview and its details form."""

from datetime import UTC, datetime

from fastapi.responses import HTMLResponse, Response

from services.events.domain.programme_checks import EventWarning
from services.events.storage.tables import Event
from services.events.usecases import announcing, editing
from services.events.web.routes.console.event_form import (
    EVENT_FIELDS,
    EVENT_RULES,
    event_from_values,
    event_values,
)
from services.events.web.routes.console.forms import Problems, form_values, from_refusal
from services.events.web.routes.console.loading import (
    editable,
    load,
    save,
    speaker_options,
    venue_options,
)
from services.events.web.routes.console.programme_warnings import ANYWAY, brought, standing
from services.events.web.routes.console.session import (
    DoorDep,
    EditorDep,
    Workspace,
    WorkspaceDep,
    console_router,
)
from services.events.web.schemas import EventIn
from shared.errors import Conflict, Invalid

router = console_router()


@router.get("/{org}/events", response_class=HTMLResponse)
async def list_events(ws: DoorDep) -> HTMLResponse:
    events = await editing.list_own_events(session=ws.session, principal=ws.principal)
    return ws.render("console/events.html", {"events": events})


@router.get("/{org}/events/new", response_class=HTMLResponse)
async def new_event(ws: EditorDep) -> HTMLResponse:
    return await _form(ws, event_values(None), Problems(), event=None)


@router.post("/{org}/events/new")
async def create_event(ws: EditorDep) -> Response:
    form = await ws.form()
    values = form_values(form, EVENT_FIELDS)
    payload, problems = event_from_values(values, base=None)
    if payload is None:
        return await _form(ws, values, problems, event=None, status_code=422)
    if not form.get(ANYWAY) and (pending := await _in_the_past(ws, None, payload)):
        return await _form(ws, values, problems, event=None, pending=pending)
    try:
        event = await editing.create_event(
            session=ws.session,
            principal=ws.principal,
            payload=payload,
            events_url=ws.settings.events_public_url,
        )
    except (Invalid, Conflict) as refusal:
        await ws.session.rollback()
        problems = from_refusal(refusal, EVENT_RULES)
        return await _form(ws, values, problems, event=None, status_code=refusal.status)
    ws.wake()  # registrations hears of the draft
    return ws.redirect(f"/events/{event.id}", done="created")


@router.get("/{org}/events/{event_id}", response_class=HTMLResponse)
async def overview(event_id: str, ws: WorkspaceDep) -> HTMLResponse:
    event, snapshot = await load(ws, event_id)
    ended = snapshot.ends_at <= datetime.now(UTC)  # then it can be marked completed
    pending = await announcing.pending_changes(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        events_url=ws.settings.events_public_url,
    )
    context = {
        "event": event,
        "snapshot": snapshot,
        "ended": ended,
        "pending": pending,
        "warnings": standing(snapshot),
    }
    return ws.render("console/event.html", context)


@router.get("/{org}/events/{event_id}/edit", response_class=HTMLResponse)
async def edit_event(event_id: str, ws: EditorDep) -> HTMLResponse:
    event, current = await editable(ws, event_id)
    return await _form(ws, event_values(current), Problems(), event=event)


@router.post("/{org}/events/{event_id}/edit")
async def update_event(event_id: str, ws: EditorDep) -> Response:
    """Save the details; the programme stays as it is. Dates that put the event wholly in
    the past are asked about first."""
    form = await ws.form()
    values = form_values(form, EVENT_FIELDS)
    event, current = await editable(ws, event_id)
    payload, problems = event_from_values(values, base=current)
    if payload is None:
        return await _form(ws, values, problems, event=event, status_code=422)
    if not form.get(ANYWAY) and (pending := await _in_the_past(ws, current, payload)):
        return await _form(ws, values, problems, event=event, pending=pending)
    try:
        await save(ws, event_id, payload)
    except (Invalid, Conflict) as refusal:
        await ws.session.rollback()  # the half-applied change must not show in the form
        event = await editing.get_own_event(ws.session, ws.principal, event_id)
        problems = from_refusal(refusal, EVENT_RULES)
        return await _form(ws, values, problems, event=event, status_code=refusal.status)
    return ws.redirect(f"/events/{event_id}", done="saved")


async def _in_the_past(ws: Workspace, before: EventIn | None, after: EventIn) -> list[EventWarning]:
    """The event's own new warnings (wholly in the past), a draft's or a published one's."""
    return await brought(ws, before, after, None, now=datetime.now(UTC))


async def _form(
    ws: Workspace,
    values: dict[str, str],
    problems: Problems,
    *,
    event: Event | None,
    pending: list[EventWarning] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The event form; `event` None for a new one; `pending` what saving would warn about."""
    context = {
        "event": event,
        "pending": pending or [],
        "values": values,
        "problems": problems,
        "venue_options": await venue_options(ws),
        "speaker_options": await speaker_options(ws),
    }
    return ws.render("console/event_form.html", context, status_code=status_code)

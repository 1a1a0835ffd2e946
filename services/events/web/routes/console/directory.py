"""The organization's directories: speakers and venues, listed, added and edited."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from services.events.usecases import directory
from services.events.web.routes.console.directory_forms import (
    DIRECTORY_RULES,
    SPEAKER_FIELDS,
    VENUE_FIELDS,
    speaker_from_values,
    speaker_values,
    venue_from_values,
    venue_values,
)
from services.events.web.routes.console.forms import Problems, form_values, from_refusal
from services.events.web.routes.console.session import (
    ConsoleRoute,
    EditorDep,
    Workspace,
    WorkspaceDep,
)
from shared.errors import Conflict
from shared.web.inputs import RowIdInPath

router = APIRouter(route_class=ConsoleRoute)


@router.get("/{org}/speakers", response_class=HTMLResponse)
async def speakers(ws: WorkspaceDep) -> HTMLResponse:
    found = await directory.list_speakers(session=ws.session, principal=ws.principal)
    return ws.render("console/speakers.html", {"speakers": found})


@router.get("/{org}/speakers/new", response_class=HTMLResponse)
async def new_speaker(ws: EditorDep) -> HTMLResponse:
    return _speaker_form(ws, speaker_values(None), Problems(), speaker_id=None)


@router.get("/{org}/speakers/{speaker_id}/edit", response_class=HTMLResponse)
async def edit_speaker(speaker_id: RowIdInPath, ws: EditorDep) -> HTMLResponse:
    speaker = await directory.get_speaker(ws.session, ws.principal, speaker_id)
    return _speaker_form(ws, speaker_values(speaker), Problems(), speaker_id=speaker_id)


@router.post("/{org}/speakers/new")
async def create_speaker(ws: EditorDep) -> Response:
    return await _save_speaker(ws, speaker_id=None)


@router.post("/{org}/speakers/{speaker_id}/edit")
async def update_speaker(speaker_id: RowIdInPath, ws: EditorDep) -> Response:
    return await _save_speaker(ws, speaker_id=speaker_id)


async def _save_speaker(ws: Workspace, *, speaker_id: int | None) -> Response:
    values = form_values(await ws.form(), SPEAKER_FIELDS)
    if speaker_id is not None:  # ours, before anything else is looked at
        await directory.get_speaker(ws.session, ws.principal, speaker_id)
    given, problems = speaker_from_values(values)
    if given is None:
        return _speaker_form(ws, values, problems, speaker_id=speaker_id, status_code=422)
    try:
        await directory.save_speaker(
            session=ws.session, principal=ws.principal, given=given, speaker_id=speaker_id
        )
    except Conflict as refusal:
        problems = from_refusal(refusal, DIRECTORY_RULES)
        return _speaker_form(ws, values, problems, speaker_id=speaker_id, status_code=409)
    return ws.redirect("/speakers", done="saved")


def _speaker_form(
    ws: Workspace,
    values: dict[str, str],
    problems: Problems,
    *,
    speaker_id: int | None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {"values": values, "problems": problems, "speaker_id": speaker_id}
    return ws.render("console/speaker_form.html", context, status_code=status_code)


@router.get("/{org}/venues", response_class=HTMLResponse)
async def venues(ws: WorkspaceDep) -> HTMLResponse:
    found = await directory.list_venues(session=ws.session, principal=ws.principal)
    listed = [(venue, await directory.venue_rooms(ws.session, venue)) for venue in found]
    return ws.render("console/venues.html", {"venues": listed})


@router.get("/{org}/venues/new", response_class=HTMLResponse)
async def new_venue(ws: EditorDep) -> HTMLResponse:
    return _venue_form(ws, venue_values(None, []), Problems(), venue_id=None)


@router.get("/{org}/venues/{venue_id}/edit", response_class=HTMLResponse)
async def edit_venue(venue_id: RowIdInPath, ws: EditorDep) -> HTMLResponse:
    venue = await directory.get_venue(ws.session, ws.principal, venue_id)
    values = venue_values(venue, await directory.venue_rooms(ws.session, venue))
    return _venue_form(ws, values, Problems(), venue_id=venue_id)


@router.post("/{org}/venues/new")
async def create_venue(ws: EditorDep) -> Response:
    return await _save_venue(ws, venue_id=None)


@router.post("/{org}/venues/{venue_id}/edit")
async def update_venue(venue_id: RowIdInPath, ws: EditorDep) -> Response:
    return await _save_venue(ws, venue_id=venue_id)


async def _save_venue(ws: Workspace, *, venue_id: int | None) -> Response:
    values = form_values(await ws.form(), VENUE_FIELDS)
    if venue_id is not None:  # ours, before anything else is looked at
        await directory.get_venue(ws.session, ws.principal, venue_id)
    given, problems = venue_from_values(values)
    if given is None:
        return _venue_form(ws, values, problems, venue_id=venue_id, status_code=422)
    try:
        await directory.save_venue(
            session=ws.session, principal=ws.principal, given=given, venue_id=venue_id
        )
    except Conflict as refusal:
        problems = from_refusal(refusal, DIRECTORY_RULES)
        return _venue_form(ws, values, problems, venue_id=venue_id, status_code=409)
    return ws.redirect("/venues", done="saved")


def _venue_form(
    ws: Workspace,
    values: dict[str, str],
    problems: Problems,
    *,
    venue_id: int | None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {"values": values, "problems": problems, "venue_id": venue_id}
    return ws.render("console/venue_form.html", context, status_code=status_code)

"""An event's tracks (percorsi) in the console: a name and a colour for each group of parallel
sessions, in rows; the programme's items then pick one. Renaming a track renames it on its
items, removing one leaves its items without a track: the programme never names a track the
event does not have."""

from collections.abc import Callable

from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from services.events.domain.inputs import EventIn, ProgrammeItemIn, TrackIn
from services.events.storage.tables import Event
from services.events.web.routes.console.forms import (
    Problems,
    form_values,
    from_refusal,
    from_validation,
)
from services.events.web.routes.console.loading import editable, save
from services.events.web.routes.console.session import (
    EditorDep,
    Workspace,
    console_router,
)
from shared.catalogs import N_
from shared.errors import Conflict, Invalid

router = console_router()
TWICE = N_("error_track_twice")
COLOUR = N_("field_colour")  # the label of a colour's problem ("field_" + its field)
ROWS = 8
DEFAULT_COLOURS = ("#0066cc", "#008055", "#a61c3c", "#6f42c1", "#995c00", "#00708a", "#5c6f82")
FIELDS = tuple(f"{part}_{row}" for row in range(ROWS) for part in ("track", "colour"))


@router.get("/{org}/events/{event_id}/tracks", response_class=HTMLResponse)
async def tracks_page(event_id: str, ws: EditorDep) -> HTMLResponse:
    event, current = await editable(ws, event_id)
    values: dict[str, str] = {}
    for row, track in enumerate(current.tracks[:ROWS]):
        values |= {f"track_{row}": track.name, f"colour_{row}": track.colour}
    return _page(ws, event, values, Problems())


@router.post("/{org}/events/{event_id}/tracks")
async def save_tracks(event_id: str, ws: EditorDep) -> Response:
    values = form_values(await ws.form(), FIELDS)
    event, current = await editable(ws, event_id)
    problems = Problems()
    given = []
    for row in range(ROWS):
        name = values.get(f"track_{row}", "").strip()
        colour = values.get(f"colour_{row}", "").strip() or DEFAULT_COLOURS[row % 7]
        if name:
            try:
                given.append((row, TrackIn(name=name, colour=colour)))
            except ValidationError as error:
                from_validation(problems, error, _on_row(row))
    if len({track.name.casefold() for _, track in given}) < len(given):
        problems.add(f"track_{given[-1][0]}", TWICE)
    if problems:
        return _page(ws, event, values, problems, status_code=422)
    renamed = _renames(current, {row: track.name for row, track in given})
    current.tracks = [track for _, track in given]
    _follow(current.programme, renamed)
    try:
        await save(ws, event_id, current)
    except (Invalid, Conflict) as refusal:
        await ws.session.rollback()
        problems = from_refusal(refusal, ())
        return _page(ws, event, values, problems, status_code=refusal.status)
    return ws.redirect(f"/events/{event_id}/programme", done="saved")


def _on_row(row: int) -> Callable[[tuple[object, ...]], str]:
    """Where a row's refusal shows: on its colour, or on its name."""

    def field(loc: tuple[object, ...]) -> str:
        return f"{'colour' if loc[:1] == ('colour',) else 'track'}_{row}"

    return field


def _renames(current: EventIn, now: dict[int, str]) -> dict[str, str | None]:
    """Each track as it was named -> as it is now named on its row (None: removed)."""
    return {track.name: now.get(row) for row, track in enumerate(current.tracks[:ROWS])}


def _follow(items: list[ProgrammeItemIn], renamed: dict[str, str | None]) -> None:
    for item in items:
        if item.track in renamed:
            item.track = renamed[item.track]
        _follow(item.items, renamed)


def _page(
    ws: Workspace,
    event: Event,
    values: dict[str, str],
    problems: Problems,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    colours = {f"colour_{row}": DEFAULT_COLOURS[row % 7] for row in range(ROWS)}
    shown = colours | {name: value for name, value in values.items() if value}
    context = {"event": event, "values": shown, "problems": problems, "rows": range(ROWS)}
    return ws.render("console/tracks.html", context, status_code=status_code)

"""An event's registrations as a spreadsheet (CSV or Excel), filtered as the page is."""

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Response

from services.registrations.formats import spreadsheets
from services.registrations.usecases import audit_trail, organizer
from services.registrations.web.routes.organizer_pages import (
    Desk,
    DeskDep,
    OrganizerRoute,
    _filters,
)

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)


async def _table(at: Desk) -> spreadsheets.Table:
    entries, questions = await organizer.export(
        session=at.session, event_id=at.event.event_id, filters=_filters(at.request)
    )
    return spreadsheets.table(entries, questions, timezone=at.event.timezone, lang=at.language)


MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/organizer/events/{slug}/registrations.{kind}")
async def export(kind: Literal["csv", "xlsx"], at: DeskDep) -> Response:
    """Every registration (or the filtered ones) with every field and answer."""
    rows = await _table(at)
    content = spreadsheets.to_csv(rows) if kind == "csv" else spreadsheets.to_xlsx(rows)
    await audit_trail.record_export(
        session=at.session, event=at.event, actor=at.staff.actor, kind=kind, now=datetime.now(UTC)
    )
    at.ctx.relay.wake()  # the audit log hears of it now
    headers = {
        "Content-Disposition": f'attachment; filename="{at.event.slug}-iscrizioni.{kind}"',
        "Cache-Control": "no-store",  # personal data: no copies in shared caches
    }
    return Response(content, media_type=MEDIA[kind], headers=headers)

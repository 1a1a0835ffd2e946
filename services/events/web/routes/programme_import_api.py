"""The programme as a spreadsheet, for the organizer API (and the `convegni` command line):
import one (CSV or Excel, the file as the body), with a dry run that says what would change
or every problem with its row; and download the template, filled with the programme."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from services.events.context import CtxDep
from services.events.web.routes.auth import PrincipalDep
from services.events.web.routes.organizer_api import NOTIFY
from services.events.web.schemas import WarningOut
from shared.contracts import ChangeV1
from shared.media import XLSX
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events",
    tags=["organizer: programme spreadsheets"],
    responses=refusals(401, 403, 404),  # another organization's event is not found
)
DRY_RUN = Query(description="true: say what would change (or what is wrong), save nothing")
FILE = {
    "required": True,
    "description": "the spreadsheet: CSV (UTF-8, cells apart by ';' or ',') or Excel (.xlsx)",
    # Bytes rather than text: a CSV may be UTF-8 or Windows-1252, as Excel saved it.
    "content": {
        media: {"schema": {"type": "string", "format": "binary"}} for media in ("text/csv", XLSX)
    },
}


class ImportProblemOut(BaseModel):
    """One thing to fix in the spreadsheet: its row as the spreadsheet numbers it (null: the
    file as a whole) and the column as its heading says it (null: the whole row)."""

    row: int | None
    column: str | None
    code: str
    it: str
    en: str


class ImportOut(BaseModel):
    """What the import did (`saved`), or would do: the changes as the revision summary says
    them, the items read, the programme checks' new warnings, and the headings no column
    has (left out). With `problems`, nothing is saved."""

    dry_run: bool
    saved: bool
    items: int
    changes: list[ChangeV1]
    problems: list[ImportProblemOut]
    warnings: list[WarningOut]
    ignored_columns: list[str]


@router.post(
    "/{event_id}/programme/import",
    responses=refusals(409, 413, 422),
    openapi_extra={"requestBody": FILE},
)
async def import_programme(
    event_id: str,
    request: Request,
    principal: PrincipalDep,
    session: SessionDep,
    ctx: CtxDep,
    dry_run: Annotated[bool, DRY_RUN] = False,
    notify: Annotated[bool, NOTIFY] = True,
) -> ImportOut:
    """Replace the programme with the spreadsheet's, as a PUT of the event would (a
    published event's new revision at once, participants told unless `notify=false`).
    Items that match one of the programme (same kind and title, or time and room) keep
    its id, materials and recording. With `dry_run=true` nothing is saved; any problem
    (listed with its row) also saves nothing, and without a dry run answers 422."""
    events_url = ctx.settings.events_public_url
    from services.events.usecases import programme_import  # rare: loaded when asked

    preview = await programme_import.preview_file(
        session=session,
        principal=principal,
        event_id=event_id,
        content=await request.body(),
        events_url=events_url,
        now=datetime.now(UTC),
    )
    if not dry_run:
        await programme_import.save_import(
            session=session,
            principal=principal,
            preview=preview,
            seen=None,
            events_url=events_url,
            publish=True,
            notify=notify,
        )
        ctx.relay.wake()
    return ImportOut(
        dry_run=dry_run,
        saved=not dry_run,
        items=preview.items,
        changes=list(preview.changes),
        problems=[
            ImportProblemOut(
                row=p.row, column=p.column, code=p.code, it=p.said("it"), en=p.said("en")
            )
            for p in preview.problems
        ],
        warnings=[
            WarningOut.model_validate(
                {"code": w.code, "item": w.item, "it": w.said("it"), "en": w.said("en")}
            )
            for w in preview.warnings
        ],
        ignored_columns=preview.ignored,
    )


@router.get(
    "/{event_id}/programme.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def programme_sheet(
    event_id: str,
    principal: PrincipalDep,
    session: SessionDep,
    ctx: CtxDep,
    lang: Annotated[Literal["it", "en"], Query(description="the headings' language")] = "it",
) -> Response:
    """The import's template, filled with the programme as it stands (headings in `lang`):
    change it, and import it back."""
    from services.events.usecases import programme_import  # rare: loaded when asked

    slug, content = await programme_import.template(
        session=session,
        principal=principal,
        event_id=event_id,
        events_url=ctx.settings.events_public_url,
        language=lang,
    )
    return template_response(slug, content)


def template_response(slug: str, content: bytes) -> Response:
    """The template as a download (the console's too)."""
    headers = {
        "Content-Disposition": f'attachment; filename="{slug}-programma.xlsx"',
        "Cache-Control": "no-store",
    }
    return Response(content, media_type=XLSX, headers=headers)

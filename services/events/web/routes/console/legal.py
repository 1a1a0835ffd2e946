"""The organization's legal pages in the console: its accessibility statement (editors),
and the way to its privacy notice, which the registrations service keeps and edits."""

from datetime import UTC, datetime

from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from services.events.domain.accessibility import METHODS, STATUSES, StatementShape
from services.events.storage.tables import Organization
from services.events.usecases import accessibility
from services.events.web.routes.console.forms import Problems, form_values, from_validation
from services.events.web.routes.console.handover import hand_over
from services.events.web.routes.console.session import (
    EditorDep,
    Workspace,
    WorkspaceDep,
    console_router,
)

router = console_router()
FIELDS = tuple(StatementShape.model_fields)


async def _organization(ws: Workspace) -> Organization:
    slug = ws.principal.organization_slug
    return await accessibility.organization_by_slug(session=ws.session, slug=slug)


def _page(
    ws: Workspace, values: dict[str, str], problems: Problems, status_code: int = 200
) -> HTMLResponse:
    context = {
        "values": values,
        "problems": problems,
        "statuses": [(s, f"a11y_status_{s}") for s in STATUSES],
        "methods": [(m, f"a11y_method_{m}") for m in METHODS],
        "public_url": f"/organizations/{ws.principal.organization_slug}/accessibility",
    }
    return ws.render("console/legal.html", context, status_code=status_code)


@router.get("/{org}/legal", response_class=HTMLResponse)
async def legal(ws: WorkspaceDep) -> HTMLResponse:
    """The accessibility statement's form, filled with the one in force."""
    statement = await accessibility.statement_of(
        session=ws.session, organization=await _organization(ws)
    )
    values = {name: str(getattr(statement, name)) for name in FIELDS}
    values["prepared_on"] = statement.prepared_on.isoformat()
    return _page(ws, values, Problems())


@router.post("/{org}/legal", response_class=HTMLResponse)
async def save_statement(ws: EditorDep) -> Response:
    values = form_values(await ws.form(), FIELDS)
    try:
        given = StatementShape.model_validate(values)
    except ValidationError as error:
        problems = Problems()
        from_validation(problems, error, lambda loc: str(loc[0]) if loc else None)
        return _page(ws, values, problems, status_code=422)
    await accessibility.save_statement(
        session=ws.session, organization=await _organization(ws), given=given,
        now=datetime.now(UTC),
    )  # fmt: skip
    return ws.redirect("/legal", done="saved")


@router.get("/{org}/privacy")
async def privacy(ws: WorkspaceDep) -> Response:
    """On to the organization's privacy notice, kept by the registrations service."""
    return hand_over(ws, "/organizer/privacy")

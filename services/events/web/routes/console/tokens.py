"""The organization's API tokens (owners only): listed, created (the value shown once),
revoked after a confirmation."""

from datetime import UTC, datetime

from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from services.events.storage.tables import ApiToken
from services.events.usecases import accounts
from services.events.web.routes.console.forms import Problems, form_values, from_validation
from services.events.web.routes.console.session import OwnerDep, Workspace, console_router
from services.events.web.schemas import TokenIn
from shared.errors import NotFound
from shared.web.inputs import RowIdInPath

router = console_router()
TOKEN_FIELDS = ("name", "role")


@router.get("/{org}/tokens", response_class=HTMLResponse)
async def tokens(ws: OwnerDep) -> HTMLResponse:
    found = await accounts.list_tokens(
        session=ws.session, organization_id=ws.principal.organization_id
    )
    return ws.render("console/tokens.html", {"tokens": found})


@router.get("/{org}/tokens/new", response_class=HTMLResponse)
async def new_token(ws: OwnerDep) -> HTMLResponse:
    return _form(ws, {"name": "", "role": "editor"}, Problems())


@router.post("/{org}/tokens/new", response_class=HTMLResponse)
async def create_token(ws: OwnerDep) -> HTMLResponse:
    """Create a token and show its value, this once: it is stored only as a hash."""
    values = form_values(await ws.form(), TOKEN_FIELDS)
    try:
        given = TokenIn.model_validate(values)
    except ValidationError as error:
        problems = Problems()
        from_validation(problems, error, lambda loc: str(loc[0]) if loc else None)
        return _form(ws, values, problems, status_code=422)
    token, plain = await accounts.create_token(
        session=ws.session,
        organization_id=ws.principal.organization_id,
        given=given,
        actor=ws.principal.actor,
    )
    return ws.render("console/token_created.html", {"token": token, "plain": plain})


@router.get("/{org}/tokens/{token_id}/revoke", response_class=HTMLResponse)
async def confirm_revoke(token_id: RowIdInPath, ws: OwnerDep) -> HTMLResponse:
    return ws.render("console/token_revoke.html", {"token": await _own_token(ws, token_id)})


@router.post("/{org}/tokens/{token_id}/revoke")
async def revoke(token_id: RowIdInPath, ws: OwnerDep) -> Response:
    await ws.form()
    await accounts.revoke_token(
        session=ws.session,
        organization_id=ws.principal.organization_id,
        token_id=token_id,
        now=datetime.now(UTC),
        actor=ws.principal.actor,
    )
    return ws.redirect("/tokens", done="revoked")


async def _own_token(ws: Workspace, token_id: int) -> ApiToken:
    found = await accounts.list_tokens(
        session=ws.session, organization_id=ws.principal.organization_id
    )
    token = next((t for t in found if t.id == token_id), None)
    if token is None:
        raise NotFound("No such token")
    return token


def _form(
    ws: Workspace, values: dict[str, str], problems: Problems, status_code: int = 200
) -> HTMLResponse:
    context = {"values": values, "problems": problems}
    return ws.render("console/token_form.html", context, status_code=status_code)

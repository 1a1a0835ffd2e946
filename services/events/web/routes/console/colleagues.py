"""The organization's people (owners only): the members and their roles, invitations by
email, a new role, a removal after a confirmation. Everyone else is refused with a page that
names their role."""

from datetime import UTC, datetime

from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from services.events.domain.access import ROLES
from services.events.domain.inputs import InvitationIn, RoleIn
from services.events.usecases import colleagues, invitations
from services.events.web.routes.console.forms import Problems, form_values, from_validation
from services.events.web.routes.console.pages import PAGES
from services.events.web.routes.console.session import ColleaguesDep, Workspace, console_router
from shared.errors import Conflict, NotFound
from shared.web.inputs import RowIdInPath

router = console_router()
INVITE_FIELDS = ("email", "role")
ROLE_OPTIONS = [(role, f"member_role_{role}") for role in ROLES]


@router.get("/{org}/colleagues", response_class=HTMLResponse)
async def colleagues_page(ws: ColleaguesDep) -> HTMLResponse:
    return await _page(ws, {"email": "", "role": "door"}, Problems())


@router.post("/{org}/colleagues/invite", response_class=HTMLResponse)
async def invite(ws: ColleaguesDep) -> Response:
    """Invite a person by email with a role; the email leaves through the notifications
    service, with a link valid for a week."""
    values = form_values(await ws.form(), INVITE_FIELDS)
    problems = Problems()
    try:
        given = InvitationIn.model_validate(values)
    except ValidationError as error:
        from_validation(problems, error, lambda loc: str(loc[0]) if loc else None)
        return await _page(ws, values, problems, status_code=422)
    try:
        await invitations.invite(
            session=ws.session,
            principal=ws.principal,
            given=given,
            inviter_name=ws.login.account.name,
            console_url=ws.settings.events_public_url,
            language=PAGES.language(ws.request),
            now=datetime.now(UTC),
        )
    except Conflict:
        await ws.session.rollback()
        problems.add("email", "error_member_already")
        return await _page(ws, values, problems, status_code=409)
    ws.wake()
    return ws.redirect("/colleagues", done="invited")


@router.post("/{org}/colleagues/{account_id}/role")
async def change_role(account_id: RowIdInPath, ws: ColleaguesDep) -> Response:
    """A new role; refused with the reason when it would leave nobody as owner."""
    values = form_values(await ws.form(), ("role",))
    try:
        given = RoleIn.model_validate(values)
    except ValidationError as error:
        problems = Problems()
        from_validation(problems, error, lambda loc: str(loc[0]) if loc else None)
        return await _page(ws, {"email": "", "role": "door"}, problems, status_code=422)
    await colleagues.change_role(
        session=ws.session,
        principal=ws.principal,
        account_id=account_id,
        role=given.role,
        now=datetime.now(UTC),
    )
    ws.wake()
    return ws.redirect("/colleagues", done="role_changed")


@router.get("/{org}/colleagues/{account_id}/remove", response_class=HTMLResponse)
async def confirm_removal(account_id: RowIdInPath, ws: ColleaguesDep) -> HTMLResponse:
    found = await colleagues.members(session=ws.session, principal=ws.principal)
    member = next((m for m in found if m.account_id == account_id), None)
    if member is None:
        raise NotFound("No such member of your organization")
    return ws.render("console/colleague_remove.html", {"member": member})


@router.post("/{org}/colleagues/{account_id}/remove")
async def remove(account_id: RowIdInPath, ws: ColleaguesDep) -> Response:
    await ws.form()
    await colleagues.remove(
        session=ws.session, principal=ws.principal, account_id=account_id, now=datetime.now(UTC)
    )
    ws.wake()
    return ws.redirect("/colleagues", done="member_removed")


async def _page(
    ws: Workspace, values: dict[str, str], problems: Problems, status_code: int = 200
) -> HTMLResponse:
    now = datetime.now(UTC)
    context = {
        "members": await colleagues.members(session=ws.session, principal=ws.principal),
        "invitations": await invitations.open_invitations(
            session=ws.session, principal=ws.principal, now=now
        ),
        "me": ws.login.account.email,
        "values": values,
        "problems": problems,
        "role_options": ROLE_OPTIONS,
        "section": "colleagues",
    }
    return ws.render("console/colleagues.html", context, status_code=status_code)

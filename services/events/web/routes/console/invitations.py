"""Accepting an invitation: the emailed link opens a page; a new person chooses a name and a
password, a person with an account logs in first; then they are a member with the role the
owner gave. A used or expired link says so (410), and how to get a new one."""

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, ValidationError

from services.events.context import CtxDep
from services.events.usecases import invitations
from services.events.web.routes.console.forms import Problems, form_values, from_validation
from services.events.web.routes.console.login import from_elsewhere
from services.events.web.routes.console.pages import refusal_page, render, see_other
from services.events.web.routes.console.session import (
    checked_form,
    console_router,
    keep_logged_in,
    maybe_login,
)
from shared.errors import Forbidden
from shared.web.deps import SessionDep

router = console_router()
PATH = "/invitations/{token}"


class NewAccountIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=12, max_length=200)


@router.get(PATH, response_class=HTMLResponse)
async def invitation_page(token: str, request: Request, session: SessionDep, ctx: CtxDep) -> Any:
    return await _page(token, request, session, ctx, {"name": ""}, Problems())


@router.post(PATH, response_class=HTMLResponse)
async def accept(token: str, request: Request, session: SessionDep, ctx: CtxDep) -> Response:
    """Join: as the logged-in account the invitation names, or as a new account."""
    settings, now = ctx.settings, datetime.now(UTC)
    _, organization, known = await invitations.invitation_by_token(
        session=session, token=token[:100], now=now
    )
    if known:
        login = await maybe_login(request, session)
        if login is None:
            return see_other(request, "/console/login", next=f"/console/invitations/{token}")
        await checked_form(request, login, settings)
        joined = await invitations.accept_as_account(
            session=session, token=token, account=login.account, now=now
        )
        return see_other(request, f"/console/{joined.slug}/events", done="joined")
    if from_elsewhere(request, settings):
        return refusal_page(request, Forbidden("This form came from another site"))
    values = form_values(await request.form(), ("name", "password"))
    try:
        given = NewAccountIn.model_validate({**values, "name": values["name"].strip()})
    except ValidationError as error:
        problems = Problems()
        from_validation(problems, error, lambda loc: str(loc[0]) if loc else None)
        return await _page(token, request, session, ctx, values, problems, status_code=422)
    login_token = await invitations.accept_as_new(
        session=session,
        token=token,
        name=given.name,
        password=given.password,
        now=now,
        ttl=timedelta(hours=settings.session_hours),
    )
    answer = see_other(request, f"/console/{organization.slug}/events", done="joined")
    return keep_logged_in(answer, login_token, settings)


async def _page(
    token: str,
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    values: dict[str, str],
    problems: Problems,
    status_code: int = 200,
) -> HTMLResponse:
    invitation, organization, known = await invitations.invitation_by_token(
        session=session, token=token[:100], now=datetime.now(UTC)
    )
    login = await maybe_login(request, session) if known else None
    context = {
        "invitation": invitation,
        "organization": organization,
        "known": known,
        "login": login,
        "action": f"/console/invitations/{token}",
        "values": {"name": values.get("name", "")},  # a password is never sent back
        "problems": problems,
    }
    csrf = login.csrf(ctx.settings) if login else None
    return render(request, "console/invitation.html", context, csrf=csrf, status_code=status_code)

"""Logging in and out, and the console's home: the account's organizations."""

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.events.routes.console.pages import render, see_other
from services.events.routes.console.session import (
    COOKIE,
    ConsoleRoute,
    LoginDep,
    WorkspaceDep,
    checked_form,
    safe_next,
    settings_of,
)
from services.events.services import accounts
from shared.errors import Unauthorized
from shared.web.deps import CtxDep, SessionDep

router = APIRouter(route_class=ConsoleRoute)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "console/login.html", {"next": safe_next(next), "email": ""})


@router.post("/login")
async def log_in(request: Request, session: SessionDep, ctx: CtxDep) -> Response:
    """Open a session; a wrong email or password gets the same answer, the form again."""
    form = await request.form()
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    next_path = safe_next(str(form.get("next") or ""))
    settings = settings_of(ctx)
    try:
        token = await accounts.log_in(
            session=session,
            email=email,
            password=password,
            now=datetime.now(UTC),
            ttl=timedelta(hours=settings.session_hours),
        )
    except Unauthorized:
        context = {"next": next_path, "email": email, "failed": True}
        return render(request, "console/login.html", context, status_code=401)
    answer = see_other(request, next_path)
    answer.set_cookie(
        COOKIE,
        token,
        max_age=int(settings.session_hours * 3600),
        path="/console",
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    return answer


@router.post("/logout")
async def log_out(request: Request, login: LoginDep, session: SessionDep, ctx: CtxDep) -> Response:
    await checked_form(request, login, settings_of(ctx))
    await accounts.log_out(session=session, token=login.token)
    answer = see_other(request, "/console/login")
    answer.delete_cookie(COOKIE, path="/console", httponly=True, samesite="lax")
    return answer


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, login: LoginDep, session: SessionDep, ctx: CtxDep) -> Response:
    """The account's organizations; straight to the events of the only one."""
    organizations = await accounts.memberships(session=session, account=login.account)
    if len(organizations) == 1:
        return see_other(request, f"/console/{organizations[0][0].slug}/events")
    context = {"organizations": organizations, "account": login.account}
    return render(request, "console/home.html", context, csrf=login.csrf(settings_of(ctx)))


@router.get("/{org}")
async def organization(ws: WorkspaceDep) -> Response:
    return ws.redirect("/events")

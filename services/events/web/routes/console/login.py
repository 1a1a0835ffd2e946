"""Logging in and out, and the console's home: the account's organizations."""

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from services.events.context import CtxDep
from services.events.settings import EventsSettings
from services.events.usecases import accounts
from services.events.web.routes.console.pages import refusal_page, render, see_other
from services.events.web.routes.console.session import (
    COOKIE,
    LoginDep,
    MemberDep,
    checked_form,
    console_router,
    keep_logged_in,
    safe_next,
)
from shared import rate_windows
from shared.errors import Forbidden, Unauthorized, UserFacingError
from shared.web.deps import SessionDep
from shared.web.ratelimit import client_address

router = console_router()


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "console/login.html", {"next": safe_next(next), "email": ""})


class TooManyFailures(UserFacingError):
    status = 429


FAILURES = "login-failures"  # failed logins per address, counted in the database


def from_elsewhere(request: Request, settings: EventsSettings) -> bool:
    """A login form another site's page posted (login CSRF: the browser would then work in
    that site's account). Browsers say where a form was with Origin; no Origin, no verdict."""
    origin = request.headers.get("origin")
    if origin is None:
        return False
    ours = {request.headers.get("host"), urlsplit(settings.events_public_url).netloc}
    return urlsplit(origin).netloc not in ours


@router.post("/login")
async def log_in(request: Request, session: SessionDep, ctx: CtxDep) -> Response:
    """Open a session; a wrong email or password gets the same answer, the form again. An
    address that keeps failing waits (429), so that passwords cannot be guessed at speed."""
    settings = ctx.settings
    if from_elsewhere(request, settings):
        return refusal_page(request, Forbidden("This login form came from another site"))
    # Every attempt counts before the password is checked, and a success is taken back:
    # attempts sent at once to several replicas cannot all pass a check made before counting.
    address, now = client_address(request), time.time()
    limit = settings.login_failures_per_minute
    wait = await rate_windows.hit(session, scope=FAILURES, address=address, limit=limit, now=now)
    if wait:
        refusal = TooManyFailures(f"Too many failed logins: retry in {wait} seconds")
        page = refusal_page(request, refusal)
        page.headers["Retry-After"] = str(wait)
        return page
    form = await request.form()
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    next_path = safe_next(str(form.get("next") or ""))
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
    if limit > 0:
        await rate_windows.forgive(session, scope=FAILURES, address=address, now=now)
    return keep_logged_in(see_other(request, next_path), token, settings)


@router.post("/logout")
async def log_out(request: Request, login: LoginDep, session: SessionDep, ctx: CtxDep) -> Response:
    await checked_form(request, login, ctx.settings)
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
    return render(request, "console/home.html", context, csrf=login.csrf(ctx.settings))


@router.get("/{org}")
async def organization(ws: MemberDep) -> Response:
    return ws.redirect("/events")

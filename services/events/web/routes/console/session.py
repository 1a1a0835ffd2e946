"""Who is at the console: the login cookie, the organization acted for, and CSRF on forms.

A page asked without a valid login redirects to the login form; a refusal from a use case
(404, 403, 409...) becomes a page in the reader's language.
"""

import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.routing import APIRoute
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, RedirectResponse

from services.events.context import EventsContext, of_request
from services.events.domain.access import Action, Principal
from services.events.settings import EventsSettings
from services.events.storage.tables import Account
from services.events.usecases import accounts
from services.events.web.routes.console.pages import refusal_page, render, see_other
from shared.errors import Unauthorized, UserFacingError
from shared.web.csrf import check_csrf, csrf_token
from shared.web.deps import SessionDep

COOKIE = "convegni_session"
# A local path only: no scheme, no host, no "//evil.example" or "/\evil.example".
_LOCAL_PATH = re.compile(r"^/(?![/\\])[^\\\s]*$")


class LoginRequired(Exception):
    """No valid login: the console answers with the login form, then comes back here."""

    def __init__(self, next_path: str | None) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def safe_next(candidate: str | None) -> str:
    """Where to go after logging in: a local path, else the console's home."""
    return candidate if candidate and _LOCAL_PATH.match(candidate) else "/console/"


def console_router() -> APIRouter:
    """A router of console pages: under /console, out of the API schema (pages for people)."""
    return APIRouter(prefix="/console", include_in_schema=False, route_class=ConsoleRoute)


class ConsoleRoute(APIRoute):
    """Console routes answer people: a missing login is a redirect, a refusal a page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired as missing:
                return see_other(request, "/console/login", next=missing.next_path)
            except UserFacingError as refusal:
                return refusal_page(request, refusal)

        return answer


def _coming_back(request: Request) -> str | None:
    """The page to return to after logging in (GET only: a form cannot be replayed)."""
    if request.method != "GET":
        return None
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{request.url.path}{query}"


@dataclass(frozen=True)
class Login:
    account: Account
    token: str

    def csrf(self, settings: EventsSettings) -> str:
        return csrf_token(self.token, secret=settings.secret_key.get_secret_value())


async def current_login(request: Request, session: SessionDep) -> Login:
    """The account behind the session cookie; without one, the login form."""
    token = request.cookies.get(COOKIE)
    if not token:
        raise LoginRequired(_coming_back(request))
    try:
        account = await accounts.account_for_session(
            session=session, token=token, now=datetime.now(UTC)
        )
    except Unauthorized as expired:
        raise LoginRequired(_coming_back(request)) from expired
    return Login(account=account, token=token)


LoginDep = Annotated[Login, Depends(current_login)]


async def maybe_login(request: Request, session: AsyncSession) -> Login | None:
    """The login behind the cookie, if there is a valid one (pages open to both)."""
    try:
        return await current_login(request, session)
    except LoginRequired:
        return None


def keep_logged_in(answer: Response, token: str, settings: EventsSettings) -> Response:
    """Give the browser its login cookie."""
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


async def checked_form(request: Request, login: Login, settings: EventsSettings) -> FormData:
    """The submitted form, refused (403) unless its CSRF field is this login's."""
    form = await request.form()
    submitted = form.get("csrf")
    secret = settings.secret_key.get_secret_value()
    check_csrf(submitted if isinstance(submitted, str) else None, login.token, secret=secret)
    return form


@dataclass
class Workspace:
    """A logged-in account acting for one of its organizations, in one request."""

    request: Request
    session: AsyncSession
    ctx: EventsContext
    login: Login
    principal: Principal

    @property
    def settings(self) -> EventsSettings:
        return self.ctx.settings

    @property
    def url(self) -> str:
        return f"/console/{self.principal.organization_slug}"

    def render(
        self, template: str, context: dict[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        full = {"principal": self.principal, "org_url": self.url, **context}
        csrf = self.login.csrf(self.settings)
        return render(self.request, template, full, csrf=csrf, status_code=status_code)

    def redirect(self, path: str, **query: str | None) -> RedirectResponse:
        return see_other(self.request, f"{self.url}{path}", **query)

    async def form(self) -> FormData:
        return await checked_form(self.request, self.login, self.settings)

    def wake(self) -> None:
        """Send what the use case put in the outbox now rather than at the next poll."""
        self.ctx.relay.wake()


async def member_workspace(request: Request, session: SessionDep) -> Workspace:
    """The login acting for the organization of the path (`{org}`), whatever its role;
    another organization is not found.

    One dependency on the request and the session, its parts (the login, the context, the
    organization) called rather than declared: FastAPI builds and keeps each route's tree of
    dependencies, and with them declared (a validated path parameter, a dependency each)
    every console route held ~5 kB more, ~0.3 MiB over the console's 60 routes."""
    login = await current_login(request, session)
    principal = await accounts.principal_for_account(
        session=session, account=login.account, organization_slug=request.path_params["org"]
    )
    return Workspace(request, session, of_request(request), login, principal)


def needs(action: Action) -> Callable[[Request, AsyncSession], Coroutine[Any, Any, Workspace]]:
    """A dependency: the workspace, refused (403, a page naming the role) unless the role
    may do `action`; refused before any form is parsed."""

    async def allowed(request: Request, session: SessionDep) -> Workspace:
        ws = await member_workspace(request, session)
        ws.principal.require(action)
        return ws

    return allowed


MemberDep = Annotated[Workspace, Depends(member_workspace)]
WorkspaceDep = Annotated[Workspace, Depends(needs(Action.READ))]
DoorDep = Annotated[Workspace, Depends(needs(Action.CHECK_IN))]
RegistrationsDep = Annotated[Workspace, Depends(needs(Action.REGISTRATIONS))]
EditorDep = Annotated[Workspace, Depends(needs(Action.EDIT))]
OwnerDep = Annotated[Workspace, Depends(needs(Action.TOKENS))]
ColleaguesDep = Annotated[Workspace, Depends(needs(Action.COLLEAGUES))]
AuditDep = Annotated[Workspace, Depends(needs(Action.AUDIT))]

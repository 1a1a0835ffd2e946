"""Who may read the delivery log and retry a delivery: whoever holds the operators' token.

Two ways in: `Authorization: Bearer <OPS_TOKEN>` (scripts, the API), or the "ops" cookie a
browser gets from `GET /deliveries/login?token=<OPS_TOKEN>`: a pass signed with the token
itself, so changing OPS_TOKEN logs every browser out.
"""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import RedirectResponse

from services.notifications.context import CtxDep, NotificationsContext
from services.notifications.settings import NotificationsSettings
from services.notifications.texts import CATALOGS
from shared.auth import PassInvalid, constant_time_equal, make_pass, read_pass
from shared.errors import Forbidden
from shared.web.csrf import check_csrf, csrf_token

COOKIE = "ops"
HOW_TO = "send Authorization: Bearer <OPS_TOKEN>, or open /deliveries/login?token=<OPS_TOKEN>"

router = APIRouter(tags=["operators"])

Via = Literal["bearer", "cookie"]


def _refused(reason: str) -> HTTPException:
    return HTTPException(401, f"{reason}: {HOW_TO}", headers={"WWW-Authenticate": "Bearer"})


def _token_matches(given: str, settings: NotificationsSettings) -> bool:
    return constant_time_equal(given, settings.ops_token.get_secret_value())


async def operator(
    request: Request, ctx: CtxDep, authorization: Annotated[str | None, Header()] = None
) -> Via:
    """How this request proved it comes from an operator; 401 when it did not."""
    settings = ctx.settings
    if authorization:
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() == "bearer" and _token_matches(given.strip(), settings):
            return "bearer"
        raise _refused("operator token not valid")
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        raise _refused("operators only")
    try:
        read_pass(cookie, key=settings.ops_token.get_secret_value(), now=datetime.now(UTC))
    except PassInvalid as exc:
        raise _refused("operator login expired") from exc
    return "cookie"


OperatorDep = Annotated[Via, Depends(operator)]


def form_csrf(request: Request, ctx: NotificationsContext) -> str:
    """The CSRF value a page's forms carry, bound to the operator's cookie."""
    secret = ctx.settings.secret_key.get_secret_value()
    return csrf_token(request.cookies.get(COOKIE, ""), secret=secret)


def check_form(
    request: Request, ctx: NotificationsContext, via: Via, submitted: str | None
) -> None:
    """A form posted on the strength of the cookie must carry the cookie's CSRF value (the
    cookie is SameSite=Strict as well); a Bearer header cannot be forged by another site."""
    if via == "cookie":
        secret = ctx.settings.secret_key.get_secret_value()
        try:
            check_csrf(submitted, request.cookies.get(COOKIE, ""), secret=secret)
        except Forbidden as exc:
            raise HTTPException(403, exc.message) from exc


@router.get("/deliveries/login", include_in_schema=False)
async def login(request: Request, ctx: CtxDep, token: str = "") -> RedirectResponse:
    """Trade the token for the "ops" cookie, then show the delivery page (without the token
    in the address bar, so it does not stay in the browser's history)."""
    settings = ctx.settings
    if not _token_matches(token, settings):
        raise _refused("operator token not valid")
    expires = datetime.now(UTC) + timedelta(hours=settings.ops_cookie_hours)
    key = settings.ops_token.get_secret_value()
    value = make_pass({"role": "ops"}, key=key, expires_at=expires)
    lang = request.query_params.get("lang")
    kept = f"?lang={lang}" if lang in CATALOGS.languages else ""
    response = RedirectResponse(f"/deliveries{kept}", 303)
    response.set_cookie(
        COOKIE,
        value,
        max_age=int(settings.ops_cookie_hours * 3600),
        # Only the page and its buttons need it; other services may share the host name.
        path="/deliveries",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response

"""CSRF for forms anyone may post (no login to bind a token to): a double-submit cookie.

The form page sets a random value in an HttpOnly cookie and the same value in a hidden field.
Another site can make a browser post to us, and the browser sends our cookie along, but that
site can neither read the cookie nor set it for our origin, so it cannot put the value in
the field: a POST whose field differs from the cookie is refused.
"""

import re
import secrets

from starlette.requests import Request
from starlette.responses import Response

from shared.auth import constant_time_equal

COOKIE = "form_csrf"
FIELD = "csrf_token"
MAX_AGE = 24 * 3600  # a form left open for a day still posts; older ones ask to reload
_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) makes


def form_token(request: Request) -> str:
    """The reader's token: the one in their cookie, so that two open tabs both post."""
    current = request.cookies.get(COOKIE, "")
    return current if _SHAPE.fullmatch(current) else secrets.token_urlsafe(32)


def set_form_cookie(response: Response, request: Request, token: str) -> None:
    """Give the browser the cookie half of the pair (Secure when the page came over HTTPS)."""
    response.set_cookie(
        COOKIE,
        token,
        max_age=MAX_AGE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def token_matches(request: Request, submitted: str | None) -> bool:
    """True when the posted field equals the cookie; False when either is missing."""
    cookie = request.cookies.get(COOKIE, "")
    if not submitted or not _SHAPE.fullmatch(cookie):
        return False
    return constant_time_equal(submitted, cookie)

"""CSRF tokens for forms behind a login: an HMAC of the login session's token.

A form carries the value in a hidden field; a POST whose field does not match is refused, so
another site cannot make a logged-in browser submit our forms.
"""

from shared.auth import constant_time_equal, signed
from shared.errors import Forbidden


def csrf_token(session_token: str, *, secret: str) -> str:
    return signed(session_token, key=secret, purpose="csrf")


def check_csrf(submitted: str | None, session_token: str, *, secret: str) -> None:
    """Refuse a form whose CSRF field is missing or not this session's."""
    if not submitted or not constant_time_equal(
        submitted, csrf_token(session_token, secret=secret)
    ):
        raise Forbidden("The form has expired or came from elsewhere: reload the page and retry")

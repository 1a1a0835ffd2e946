"""Opening the signed links of the self-service pages, and the pages their refusals become."""

import base64
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from services.registrations.context import RegistrationsContext
from services.registrations.domain.errors import ExpiredLink
from services.registrations.domain.links import LinkExpired, LinkInvalid, read_token
from services.registrations.storage.tables import EventCopy
from services.registrations.web.routes.manage_calendar import snapshot_of
from shared.auth import constant_time_equal
from shared.errors import Conflict, NotFound
from shared.web import breadcrumbs
from shared.web.breadcrumbs import place
from shared.web.templating import Pages

ACCEPT = re.compile(r"accept(\d{1,6})")
# The token is the credential: keep its pages out of caches, search engines, and the
# Referer sent to Google or Microsoft when a calendar link is followed.
PRIVATE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}


class Refused(Exception):
    """A self-service page that ends in a refusal: which one, its HTTP status and its context."""

    def __init__(self, status: int, kind: str, **context: str) -> None:
        super().__init__(kind)
        self.status_code, self.kind, self.context = status, kind, context


@dataclass(frozen=True)
class Opened:
    registration_id: str
    purpose: str
    expired: bool


def _claimed(token: str) -> tuple[str, str]:
    """(registration id, purpose) as the payload says, not yet trusted."""
    payload = token.partition(".")[0]
    try:
        text = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
        registration_id, purpose, _ = text.split("|")
    except ValueError as exc:  # binascii.Error and UnicodeDecodeError are ValueErrors
        raise Refused(400, "invalid") from exc
    return registration_id, purpose


def open_link(token: str, *, secret: str, now: datetime) -> Opened:
    """What an authentic token says, expired or not; Refused(400) when it is not ours."""
    registration_id, purpose = _claimed(token)
    try:
        read_token(token, purpose=purpose, secret=secret, now=now)
    except LinkInvalid as exc:
        raise Refused(400, "invalid") from exc
    except LinkExpired:
        return Opened(registration_id, purpose, expired=True)  # the signature was checked
    return Opened(registration_id, purpose, expired=False)


def open_for(token: str, purpose: str, *, secret: str, now: datetime) -> str:
    """The registration id behind a live token for `purpose`, else the refusal page."""
    opened = open_link(token, secret=secret, now=now)
    if opened.purpose != purpose:
        raise Refused(400, "invalid")
    if opened.expired:
        raise Refused(410, "expired")
    return opened.registration_id


def offer_of(opened: Opened) -> int:
    """Which offer an accept link is for: accept<N> names it."""
    matched = ACCEPT.fullmatch(opened.purpose)
    if matched is None or int(matched.group(1)) < 1:  # offers count from 1
        raise Refused(400, "invalid")
    return int(matched.group(1))


def about_event(
    ctx: RegistrationsContext, event: EventCopy, request: Request | None = None
) -> dict[str, object]:
    """What every self-service page shows of its event: the heading, the way back, and (given
    the request) its organization and the breadcrumbs to the personal page."""
    snapshot = snapshot_of(event)
    shown: dict[str, object] = {
        "event": snapshot,
        "event_url": f"{ctx.settings.events_public_url}/events/{event.slug}",
        "page_event": event.slug,  # the footer's privacy link: the event's notice
    }
    if request is not None:
        pages: Pages = request.app.state.pages
        shown.update(place(pages, request, event=snapshot, here=breadcrumbs.PERSONAL))
    return shown


async def check_form_token(request: Request, token: str) -> dict[str, str]:
    """The posted form, when it carries the page's token: a cross-site form cannot know it."""
    form = await request.form()
    values = {name: str(value) for name, value in form.items()}
    if not constant_time_equal(values.get("token", ""), token):
        raise Refused(403, "elsewhere")
    return values


REFUSALS: dict[type[Exception], tuple[int, str]] = {
    NotFound: (404, "not_found"),
    ExpiredLink: (410, "expired"),
    Conflict: (409, "conflict"),
}
CAUGHT: tuple[type[Exception], ...] = (Refused, *REFUSALS)


def _refusal(error: Exception) -> Refused:
    if isinstance(error, Refused):
        return error
    status, kind = next(found for cls, found in REFUSALS.items() if isinstance(error, cls))
    return Refused(status, kind)


class LinkPageRoute(APIRoute):
    """Refusals become pages in the reader's language; every answer is kept private."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                response = await handler(request)
            except CAUGHT as error:
                response = _refusal_page(request, _refusal(error))
            response.headers.update(PRIVATE)
            return response

        return page


def _refusal_page(request: Request, refused: Refused) -> Response:
    pages: Pages = request.app.state.pages
    context = {
        "kind": refused.kind,
        **place(pages, request, here=breadcrumbs.PERSONAL),
        **refused.context,
    }
    return pages.render(request, "manage_problem.html", context, status_code=refused.status_code)

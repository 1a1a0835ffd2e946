"""The emailed links that move a registration on: confirm the address (double opt-in), and
accept a seat offered from the waitlist. Each opens a page with one button, and only the
button acts: mail scanners open every link. What a link can still do is one rule
(domain/link_stage.py), shared by these pages and by the use case behind the button."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import CtxDep, RegistrationsContext
from services.registrations.domain.errors import ExpiredLink
from services.registrations.domain.guards import Given
from services.registrations.domain.link_stage import Stage, link_stage
from services.registrations.domain.registration_life import Action
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases import self_service
from services.registrations.web.routes.manage_links import (
    LinkPageRoute,
    Opened,
    Refused,
    about_event,
    check_form_token,
    offer_of,
    open_link,
)
from services.registrations.web.routes.manage_ticket import personal_links
from shared.web.deps import PagesDep, SessionDep
from shared.web.templating import Pages

router = APIRouter(include_in_schema=False, route_class=LinkPageRoute)


@dataclass(frozen=True)
class EmailedLink:
    """One kind of emailed link: what its button does, the page with the button, what the
    notice says once done, and the refusal it becomes once lapsed."""

    action: self_service.LinkAction
    button_page: str
    done: str
    lapsed: str
    register_again: bool  # a lapsed confirmation may register anew; a lapsed offer has passed


CONFIRM = EmailedLink(
    Action.CONFIRM_ADDRESS, "manage_confirm.html", "manage_address_confirmed", "lapsed", True
)
ACCEPT = EmailedLink(
    Action.ACCEPT_OFFER, "manage_offer.html", "manage_offer_accepted", "offer_lapsed", False
)


@dataclass(frozen=True)
class Followed:
    """An opened link: its registration and event, what it names, and where it stands."""

    registration: Registration
    event: EventCopy
    given: Given
    stage: Stage


def _named_offer(link: EmailedLink, opened: Opened) -> int | None:
    """The offer an accept link names (its purpose, accept<N>, was signed with the rest)."""
    if link.action is Action.ACCEPT_OFFER:
        return offer_of(opened)
    if opened.purpose != "confirm":
        raise Refused(400, "invalid")
    return None


def _lapsed(link: EmailedLink, event: EventCopy) -> Refused:
    if link.register_again:
        return Refused(410, link.lapsed, form_url=f"/events/{event.slug}/register")
    return Refused(410, link.lapsed)


@dataclass(frozen=True)
class Visit:
    """One request to the page of an emailed link."""

    request: Request
    token: str
    session: AsyncSession
    ctx: RegistrationsContext
    pages: Pages


async def visit(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> Visit:
    return Visit(request, token, session, ctx, pages)


VisitDep = Annotated[Visit, Depends(visit)]


async def _follow(link: EmailedLink, at: Visit) -> Followed:
    """Where the link stands: done already (say so, even past the deadline), open, or lapsed
    (refused: an old offer's link, a link past its time, a registration gone elsewhere)."""
    now = datetime.now(UTC)
    opened = open_link(at.token, secret=at.ctx.settings.secret_key.get_secret_value(), now=now)
    given = Given(now=now, offer=_named_offer(link, opened))
    registration, event = await self_service.load(at.session, opened.registration_id)
    stage = link_stage(registration, link.action, given, link_expired=opened.expired)
    if stage is Stage.LAPSED:
        raise _lapsed(link, event)
    return Followed(registration, event, given, stage)


def _render(at: Visit, template: str, followed: Followed, **context: object) -> HTMLResponse:
    shown = {**about_event(at.ctx, followed.event, at.request), **context}
    return at.pages.render(at.request, template, shown)


def _notice(
    at: Visit, followed: Followed, heading: str, registration: Registration | None = None
) -> HTMLResponse:
    """Done: what happened, and at once the personal page, the ticket and the .ics (the
    same signed links as the email's), for `registration` as it stands now."""
    now = registration or followed.registration
    return _render(
        at,
        "manage_notice.html",
        followed,
        heading=heading,
        text=f"{heading}_text",
        **personal_links(at.request, at.pages, at.ctx, now),
    )


async def _page(link: EmailedLink, at: Visit) -> HTMLResponse:
    """The page the link opens: what it is for, and the one button that does it (a form
    posting the link's token back, so that a page elsewhere cannot press it)."""
    followed = await _follow(link, at)
    if followed.stage is Stage.DONE:
        return _notice(at, followed, link.done)
    return _render(
        at,
        link.button_page,
        followed,
        token=at.token,
        registration=followed.registration,
        manage_url=at.ctx.links.manage(followed.registration),
    )


async def _press(link: EmailedLink, at: Visit) -> HTMLResponse:
    """The button: done (twice is fine), or the refusal of a link that lapsed meanwhile."""
    await check_form_token(at.request, at.token)
    followed = await _follow(link, at)
    registration = followed.registration
    if followed.stage is Stage.OPEN:
        try:
            registration = await self_service.follow_link(
                session=at.session,
                registration_id=followed.registration.id,
                action=link.action,
                offer=followed.given.offer,
                now=followed.given.now,
                links=at.ctx.links,
            )
        except ExpiredLink as exc:
            raise _lapsed(link, followed.event) from exc
        at.ctx.relay.wake()
    return _notice(at, followed, link.done, registration)


@router.get("/confirm/{token}", response_class=HTMLResponse)
async def confirm_page(at: VisitDep) -> HTMLResponse:
    """Double opt-in, first step: a button. Confirming on opening the link would let a mail
    scanner that opens every link confirm an address that its owner never confirmed."""
    return await _page(CONFIRM, at)


@router.post("/confirm/{token}", response_class=HTMLResponse)
async def confirm(at: VisitDep) -> HTMLResponse:
    """Double opt-in: the address is confirmed, and so is the seat."""
    return await _press(CONFIRM, at)


@router.get("/accept/{token}", response_class=HTMLResponse)
async def offer(at: VisitDep) -> HTMLResponse:
    """A seat offered from the waitlist: a button to take it."""
    return await _page(ACCEPT, at)


@router.post("/accept/{token}", response_class=HTMLResponse)
async def accept(at: VisitDep) -> HTMLResponse:
    """The offered seat is taken, unless the offer lapsed or a newer one replaced it."""
    return await _press(ACCEPT, at)

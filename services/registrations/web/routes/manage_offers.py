"""The emailed links that move a registration on: confirm the address (double opt-in), and
accept a seat offered from the waitlist. Each opens a page with one button, and only the
button acts: mail scanners open every link. What a link can still do is one rule
(domain/link_stage.py), shared by these pages and by the use case behind the button."""

from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.registrations.context import CtxDep
from services.registrations.domain.errors import ExpiredLink
from services.registrations.domain.life import Action, Given
from services.registrations.domain.link_stage import Stage, link_stage
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
from shared.web.deps import PagesDep, SessionDep

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


async def _follow(link: EmailedLink, session: SessionDep, ctx: CtxDep, token: str) -> Followed:
    """Where the link stands: done already (say so, even past the deadline), open, or lapsed
    (refused: an old offer's link, a link past its time, a registration gone elsewhere)."""
    now = datetime.now(UTC)
    opened = open_link(token, secret=ctx.settings.secret_key.get_secret_value(), now=now)
    given = Given(now=now, offer=_named_offer(link, opened))
    registration, event = await self_service.load(session, opened.registration_id)
    stage = link_stage(registration, link.action, given, link_expired=opened.expired)
    if stage is Stage.LAPSED:
        raise _lapsed(link, event)
    return Followed(registration, event, given, stage)


def _notice(
    request: Request, pages: PagesDep, ctx: CtxDep, followed: Followed, heading: str
) -> HTMLResponse:
    context = {
        **about_event(ctx, followed.event),
        "heading": heading,
        "text": f"{heading}_text",
        "manage_url": ctx.links.manage(followed.registration),
    }
    return pages.render(request, "manage_notice.html", context)


async def _page(
    link: EmailedLink,
    request: Request,
    token: str,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
) -> HTMLResponse:
    """The page the link opens: what it is for, and the one button that does it (a form
    posting the link's token back, so that a page elsewhere cannot press it)."""
    followed = await _follow(link, session, ctx, token)
    if followed.stage is Stage.DONE:
        return _notice(request, pages, ctx, followed, link.done)
    context = {
        **about_event(ctx, followed.event),
        "token": token,
        "registration": followed.registration,
    }
    return pages.render(request, link.button_page, context)


async def _press(
    link: EmailedLink,
    request: Request,
    token: str,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
) -> HTMLResponse:
    """The button: done (twice is fine), or the refusal of a link that lapsed meanwhile."""
    await check_form_token(request, token)
    followed = await _follow(link, session, ctx, token)
    if followed.stage is Stage.OPEN:
        try:
            await self_service.follow_link(
                session=session,
                registration_id=followed.registration.id,
                action=link.action,
                offer=followed.given.offer,
                now=followed.given.now,
                links=ctx.links,
            )
        except ExpiredLink as exc:
            raise _lapsed(link, followed.event) from exc
        ctx.relay.wake()
    return _notice(request, pages, ctx, followed, link.done)


@router.get("/confirm/{token}", response_class=HTMLResponse)
async def confirm_page(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    """Double opt-in, first step: a button. Confirming on opening the link would let a mail
    scanner that opens every link confirm an address that its owner never confirmed."""
    return await _page(CONFIRM, request, token, session, ctx, pages)


@router.post("/confirm/{token}", response_class=HTMLResponse)
async def confirm(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    """Double opt-in: the address is confirmed, and so is the seat."""
    return await _press(CONFIRM, request, token, session, ctx, pages)


@router.get("/accept/{token}", response_class=HTMLResponse)
async def offer(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    return await _page(ACCEPT, request, token, session, ctx, pages)


@router.post("/accept/{token}", response_class=HTMLResponse)
async def accept(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    return await _press(ACCEPT, request, token, session, ctx, pages)

"""The emailed links that move a registration on: confirm the address (double opt-in), and
accept a seat offered from the waitlist."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.registrations.context import CtxDep
from services.registrations.domain.errors import ExpiredLink
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases import self_service
from services.registrations.web.routes.manage_calendar import snapshot_of
from services.registrations.web.routes.manage_links import (
    LinkPageRoute,
    Opened,
    Refused,
    check_form_token,
    offer_of,
    open_link,
)
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False, route_class=LinkPageRoute)


def _opened(ctx: CtxDep, token: str) -> Opened:
    return open_link(
        token, secret=ctx.settings.secret_key.get_secret_value(), now=datetime.now(UTC)
    )


def _notice(
    request: Request,
    pages: PagesDep,
    ctx: CtxDep,
    registration: Registration,
    event: EventCopy,
    heading: str,
) -> HTMLResponse:
    context = {
        "event": snapshot_of(event),
        "heading": heading,
        "text": f"{heading}_text",
        "manage_url": ctx.links.manage(registration),
        "event_url": f"{ctx.settings.events_public_url}/events/{event.slug}",
    }
    return pages.render(request, "manage_notice.html", context)


async def _to_confirm(
    session: SessionDep, ctx: CtxDep, token: str
) -> tuple[Registration, EventCopy]:
    """The registration a confirm link is for: confirmed already (say so, even past the
    deadline), or still waiting for its address and in time; anything else has lapsed."""
    opened = _opened(ctx, token)
    if opened.purpose != "confirm":
        raise Refused(400, "invalid")
    registration, event = await self_service.load(session, opened.registration_id)
    waiting = registration.status == "pending" and not opened.expired
    if registration.status != "confirmed" and not waiting:
        raise _lapsed(event)
    return registration, event


def _lapsed(event: EventCopy) -> Refused:
    return Refused(410, "lapsed", form_url=f"/events/{event.slug}/register")


def _button_page(
    request: Request,
    pages: PagesDep,
    ctx: CtxDep,
    template: str,
    token: str,
    registration: Registration,
    event: EventCopy,
) -> HTMLResponse:
    """The page an emailed link opens: what it is for, and the one button that does it (a
    form posting the link's token back, so that a page elsewhere cannot press it)."""
    context = {
        "token": token,
        "event": snapshot_of(event),
        "registration": registration,
        "event_url": f"{ctx.settings.events_public_url}/events/{event.slug}",
    }
    return pages.render(request, template, context)


@router.get("/confirm/{token}", response_class=HTMLResponse)
async def confirm_page(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    """Double opt-in, first step: a button. Confirming on opening the link would let a mail
    scanner that opens every link confirm an address that its owner never confirmed."""
    registration, event = await _to_confirm(session, ctx, token)
    if registration.status == "confirmed":
        return _notice(request, pages, ctx, registration, event, "manage_address_confirmed")
    return _button_page(request, pages, ctx, "manage_confirm.html", token, registration, event)


@router.post("/confirm/{token}", response_class=HTMLResponse)
async def confirm(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    """Double opt-in: the address is confirmed, and so is the seat. Twice is fine."""
    await check_form_token(request, token)
    registration, event = await _to_confirm(session, ctx, token)
    if registration.status != "confirmed":
        try:
            registration = await self_service.confirm_address(
                session=session,
                registration_id=registration.id,
                now=datetime.now(UTC),
                links=ctx.links,
            )
        except ExpiredLink as exc:
            raise _lapsed(event) from exc
        ctx.relay.wake()
    return _notice(request, pages, ctx, registration, event, "manage_address_confirmed")


async def _offered(
    session: SessionDep, ctx: CtxDep, token: str
) -> tuple[Registration, EventCopy, int]:
    """The registration and the offer number an accept link is for. An old offer's link, or
    a lapsed one, is refused unless that very offer was already accepted."""
    opened = _opened(ctx, token)
    offer = offer_of(opened)  # the purpose, accept<N>, was signed with the rest
    registration, event = await self_service.load(session, opened.registration_id)
    accepted = registration.status == "confirmed" and registration.offers == offer
    live = registration.status == "offered" and registration.offers == offer
    if not accepted and (opened.expired or not live):
        raise Refused(410, "offer_lapsed")
    return registration, event, offer


@router.get("/accept/{token}", response_class=HTMLResponse)
async def offer(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    registration, event, offer = await _offered(session, ctx, token)
    if registration.status == "confirmed" and registration.offers == offer:
        return _notice(request, pages, ctx, registration, event, "manage_offer_accepted")
    return _button_page(request, pages, ctx, "manage_offer.html", token, registration, event)


@router.post("/accept/{token}", response_class=HTMLResponse)
async def accept(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    await check_form_token(request, token)
    registration, event, offer = await _offered(session, ctx, token)
    try:
        registration = await self_service.accept_offer(
            session=session,
            registration_id=registration.id,
            offer=offer,
            now=datetime.now(UTC),
            links=ctx.links,
        )
    except ExpiredLink as exc:
        raise Refused(410, "offer_lapsed") from exc
    ctx.relay.wake()
    return _notice(request, pages, ctx, registration, event, "manage_offer_accepted")

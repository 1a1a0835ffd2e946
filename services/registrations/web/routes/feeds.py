"""A person's private calendar feed: every event they hold a seat for, under an address only
they know. Ended registrations stay in it as cancelled, so subscribed calendars drop them."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from services.registrations.context import CtxDep
from services.registrations.usecases import agendas, person_feed
from services.registrations.web.routes.manage_calendar import CALENDAR, feed_ics
from shared.errors import NotFound
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False)


@router.get("/feeds/people/{feed_id}.ics")
async def person_feed_ics(
    request: Request, feed_id: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> Response:
    """The person is named by their feed id: random, shared by their registrations, known
    only from their own manage page."""
    email_key = await person_feed.address_of(session, feed_id)
    if email_key is None:
        raise NotFound("No calendar at this address")
    found = await person_feed.feed_entries(session, email_key)
    standings = await agendas.standings(session, (registration.id for registration, _ in found))
    name = pages.translator(request)("manage_feed_name")
    domain, now = ctx.settings.calendar_domain, datetime.now(UTC)
    body = feed_ics(found, standings, name=name, domain=domain, now=now)
    headers = {"Cache-Control": "private, max-age=900", "X-Robots-Tag": "noindex"}
    return Response(body, media_type=CALENDAR, headers=headers)


@router.get("/feeds/people/{email_in_base64}/{signature}.ics")
async def retired_person_feed(
    request: Request, email_in_base64: str, signature: str, pages: PagesDep
) -> PlainTextResponse:
    """The feed addresses of the previous release, which carried the email address in
    base64: 410 Gone, whoever asks, with what to do instead. Serving them "until the next
    change" would send the address again to the calendar provider, its proxies and their
    logs at every refresh (every few hours, for as long as anyone stays subscribed): the very
    leak the new address ends. Gone tells calendar providers to stop asking; the invites in
    the emails keep the entries up to date meanwhile, and the person's page gives the new
    address to subscribe to. Nothing is checked, so the answer says nothing about anyone."""
    text = pages.translator(request)("manage_feed_retired")
    return PlainTextResponse(text, status_code=410, headers={"X-Robots-Tag": "noindex"})

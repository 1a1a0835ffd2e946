"""A person's private calendar feed: every event they hold a seat for, under an address only
they know. Ended registrations stay in it as cancelled, so subscribed calendars drop them."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import col, select

from services.registrations.context import CtxDep
from services.registrations.domain.links import feed_key
from services.registrations.domain.registration_life import ENDED, HOLDS_SEAT
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.web.routes.manage_calendar import CALENDAR, decode_email_key, feed_ics
from shared.auth import constant_time_equal
from shared.errors import NotFound
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False)

IN_FEED = HOLDS_SEAT | ENDED  # waitlisted people have no calendar entry yet


@router.get("/feeds/people/{email_key_b64}/{key}.ics")
async def person_feed(
    request: Request,
    email_key_b64: str,
    key: str,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
) -> Response:
    """The person is named by their email key; the feed key, its signature, proves the
    address came from their own manage page. Nothing new is stored to serve it."""
    email_key = decode_email_key(email_key_b64)
    secret = ctx.settings.secret_key.get_secret_value()
    if email_key is None or not constant_time_equal(key, feed_key(email_key, secret=secret)):
        raise NotFound("No calendar at this address")
    found = await session.exec(
        select(Registration, EventCopy)
        .join(EventCopy, col(EventCopy.event_id) == col(Registration.event_id))
        .where(
            Registration.email_key == email_key,
            col(Registration.erased_at).is_(None),
            col(Registration.status).in_(IN_FEED),
        )
        .order_by(col(EventCopy.starts_at))
    )
    name = pages.translator(request)("manage_feed_name")
    body = feed_ics(
        list(found.all()), name=name, domain=ctx.settings.calendar_domain, now=datetime.now(UTC)
    )
    headers = {"Cache-Control": "private, max-age=900", "X-Robots-Tag": "noindex"}
    return Response(body, media_type=CALENDAR, headers=headers)

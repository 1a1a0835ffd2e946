"""Calendar files, subscribable feeds and schedule exports of public events."""

from datetime import UTC, datetime

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from services.events.context import CtxDep
from services.events.usecases import accounts, reading
from services.events.web.routes.public_api import public
from shared.contracts import EventSnapshotV1
from shared.errors import NotFound
from shared.web.deps import SessionDep

router = APIRouter(include_in_schema=False)
# services.events.formats.calendar (plain text, no icalendar) is imported by the two
# routes that build a calendar file, on the first request for one; the schedule exports for
# conference tools (~1 MiB with ElementTree) by theirs.

CALENDAR = "text/calendar; charset=utf-8"


async def _event(session: SessionDep, ctx: CtxDep, slug: str) -> EventSnapshotV1:
    snapshot = await reading.public_snapshot(
        session=session, slug=slug, events_url=ctx.settings.events_public_url
    )
    return public(snapshot)


@router.get("/events/{slug}.ics")
async def event_ics(slug: str, session: SessionDep, ctx: CtxDep) -> Response:
    from services.events.formats.calendar import public_ics

    snapshot = await _event(session, ctx, slug)
    body = public_ics(snapshot, domain=ctx.settings.calendar_domain, now=datetime.now(UTC))
    disposition = f'attachment; filename="{slug}.ics"'
    return Response(body, media_type=CALENDAR, headers={"Content-Disposition": disposition})


@router.get("/feeds/organizations/{organization}.ics")
async def organization_feed(organization: str, session: SessionDep, ctx: CtxDep) -> Response:
    """Every public event of one organizer, for calendar apps to subscribe to (webcal)."""
    found = await accounts.organization_by_slug(session, organization)
    snapshots = await _public_events(session, ctx, organizer=organization)
    return _feed(snapshots, f"{found.name} · Convegni", ctx)


@router.get("/feeds/topics/{topic}.ics")
async def topic_feed(topic: str, session: SessionDep, ctx: CtxDep) -> Response:
    """Every public event on one topic."""
    snapshots = await _public_events(session, ctx, topic=topic)
    if not snapshots:
        raise NotFound(f"No public events on the topic '{topic}'")
    return _feed(snapshots, f"{topic} · Convegni", ctx)


async def _public_events(
    session: SessionDep, ctx: CtxDep, *, organizer: str | None = None, topic: str | None = None
) -> list[EventSnapshotV1]:
    snapshots = await reading.public_events(
        session=session,
        now=datetime.now(UTC),
        events_url=ctx.settings.events_public_url,
        when="all",
        organizer=organizer,
        topic=topic,
    )
    return [public(s) for s in snapshots]


def _feed(snapshots: list[EventSnapshotV1], name: str, ctx: CtxDep) -> Response:
    from services.events.formats.calendar import feed_ics

    body = feed_ics(
        snapshots, name=name, domain=ctx.settings.calendar_domain, now=datetime.now(UTC)
    )
    return Response(body, media_type=CALENDAR, headers={"Cache-Control": "public, max-age=300"})


@router.get("/events/{slug}/schedule.xml")
async def event_schedule_xml(slug: str, session: SessionDep, ctx: CtxDep) -> Response:
    """The programme in frab's schedule.xml, for conference apps."""
    from services.events.formats.schedule_xml import schedule_xml

    snapshot = await _event(session, ctx, slug)
    body = schedule_xml(snapshot, base_url=ctx.settings.events_public_url)
    return Response(body, media_type="application/xml; charset=utf-8")


@router.get("/events/{slug}/schedule.json")
async def event_schedule_json(slug: str, session: SessionDep, ctx: CtxDep) -> JSONResponse:
    """The same programme in the C3VOC schedule.json format."""
    from services.events.formats.schedule_json import schedule_json

    snapshot = await _event(session, ctx, slug)
    return JSONResponse(schedule_json(snapshot, base_url=ctx.settings.events_public_url))

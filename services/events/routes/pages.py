"""Public pages: the list of upcoming conferences and each conference's page."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.events.calendar import public_ics
from services.events.services import reading
from shared.web.deps import CtxDep, PagesDep, SessionDep

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, session: SessionDep, ctx: CtxDep, pages: PagesDep) -> HTMLResponse:
    events = await reading.public_events(
        session=session, now=datetime.now(UTC), events_url=ctx.settings.events_public_url
    )
    return pages.render(request, "events_list.html", {"events": events})


@router.get("/events/{slug}.ics")
async def event_ics(slug: str, session: SessionDep, ctx: CtxDep) -> Response:
    snapshot = await reading.public_snapshot(
        session=session, slug=slug, events_url=ctx.settings.events_public_url
    )
    return Response(
        public_ics(snapshot, domain=ctx.settings.calendar_domain),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{slug}.ics"'},
    )


@router.get("/events/{slug}", response_class=HTMLResponse)
async def event_page(
    request: Request, slug: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    snapshot = await reading.public_snapshot(
        session=session, slug=slug, events_url=ctx.settings.events_public_url
    )
    register_url = f"{ctx.settings.registrations_public_url}/events/{slug}/register"
    context = {"event": snapshot, "register_url": register_url}
    return pages.render(request, "event_page.html", context)

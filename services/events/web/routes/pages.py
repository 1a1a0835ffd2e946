"""Public pages: upcoming and past conferences with filters, and each conference's page."""

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.events.context import CtxDep
from services.events.domain.availability import Shown, shown
from services.events.domain.timetable import timetable
from services.events.formats.markdown import plain_text, render_markdown
from services.events.formats.structured_data import event_json_ld, json_ld_script, open_graph
from services.events.storage.tables import EventAvailability
from services.events.usecases import reading
from services.events.usecases.availability import availability_of
from services.events.web.routes.public_api import public
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1
from shared.programme import by_day
from shared.web.breadcrumbs import place
from shared.web.caching import cached, etag
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False)


def webcal(url: str) -> str:
    """The same feed address for calendar apps to subscribe to."""
    return "webcal://" + url.split("://", 1)[1]


def _versions(snapshots: list[EventSnapshotV1]) -> list[str]:
    return [f"{s.id}:{s.revision}" for s in snapshots]


@router.get("/")
async def home(
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
    when: Literal["upcoming", "past"] = "upcoming",
    organizer: str | None = None,
    topic: str | None = None,
) -> Response:
    events = await reading.public_events(
        session=session,
        now=datetime.now(UTC),
        events_url=ctx.settings.events_public_url,
        when=when,
        organizer=organizer or None,
        topic=topic or None,
    )
    now = datetime.now(UTC)
    said = await availability_of(session, [event.id for event in events])
    bands = {event.id: _shown(event, said.get(event.id), now) for event in events}
    organizers = await reading.organizers_with_events(session=session)
    topics = sorted({t for s in await _all_public(session, ctx) for t in s.topics})
    feed = f"/feeds/topics/{topic}.ics" if topic else f"/feeds/organizations/{organizer}.ics"
    context = {
        "feed_url": f"{ctx.settings.events_public_url}{feed}",
        "webcal_url": webcal(f"{ctx.settings.events_public_url}{feed}"),
        "events": events,
        "availability": bands,
        "when": when,
        "organizer": organizer or "",
        "topic": topic or "",
        "organizers": organizers,
        "topics": topics,
        **place(pages, request, org=next((o for o in organizers if o.slug == organizer), None)),
    }
    tag = etag(
        "list",
        pages.version,
        pages.language(request),
        request.url.query,
        *_versions(events),
        *[bands[event.id].tag() for event in events],
        *[o.slug for o in organizers],
        *topics,
    )
    return cached(
        request,
        tag,
        lambda: pages.render(request, "events_list.html", context),
        max_age=ctx.settings.page_max_age_seconds,
    )


async def _all_public(session: SessionDep, ctx: CtxDep) -> list[EventSnapshotV1]:
    return await reading.public_events(
        session=session,
        now=datetime.now(UTC),
        events_url=ctx.settings.events_public_url,
        when="all",
    )


@router.get("/events/{slug}")
async def event_page(
    request: Request, slug: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> Response:
    snapshot = public(
        await reading.public_snapshot(
            session=session, slug=slug, events_url=ctx.settings.events_public_url
        )
    )
    said = await availability_of(session, [snapshot.id])
    now = datetime.now(UTC)
    band = _shown(snapshot, said.get(snapshot.id), now)
    over = snapshot.ends_at <= now  # its materials are listed from then on
    language = pages.language(request)
    tag = etag("event", pages.version, language, snapshot.id, snapshot.revision, band.tag(), over)
    context = {
        **event_context(snapshot, ctx),
        "over": over,
        "availability": band,
        **place(pages, request, event=snapshot),
    }
    return cached(
        request,
        tag,
        lambda: pages.render(request, "event_page.html", context),
        max_age=ctx.settings.page_max_age_seconds,
    )


def _shown(snapshot: EventSnapshotV1, said: EventAvailability | None, now: datetime) -> Shown:
    """What the page and the card say of registering: the band registrations published,
    or closed once the event's own window has passed (a cached page's ETag says which)."""
    return shown(
        said.band if said else None,
        said.places_left if said else None,
        closes_at=snapshot.registration_closes_at or snapshot.starts_at,
        now=now,
    )


def speakers_with_bio(snapshot: EventSnapshotV1) -> list[SpeakerV1]:
    """Each person once, in programme order, when there is something to say about them."""
    seen: dict[str, SpeakerV1] = {}

    def walk(items: tuple[ProgrammeItemV1, ...]) -> None:
        for item in items:
            for speaker in item.speakers:
                if speaker.bio and speaker.name not in seen:
                    seen[speaker.name] = speaker.model_copy(update={"role": "speaker"})
            walk(item.items)

    walk(snapshot.programme)
    return list(seen.values())


def event_context(snapshot: EventSnapshotV1, ctx: CtxDep) -> dict[str, object]:
    """What the event page shows; the console's preview uses the same."""
    events_url = ctx.settings.events_public_url
    days = by_day(snapshot.programme, snapshot.timezone)
    return {
        "event": snapshot,
        "description_html": render_markdown(snapshot.description),
        "summary": plain_text(snapshot.description or snapshot.subtitle or snapshot.title)[:300],
        "json_ld": json_ld_script(event_json_ld(snapshot)),
        "speakers_with_bio": speakers_with_bio(snapshot),
        "programme_days": days,
        "timetables": [timetable(day.items) for day in days],
        "track_colours": {track.name: track.colour for track in snapshot.tracks},
        "open_graph": open_graph(snapshot),
        "register_url": f"{ctx.settings.registrations_public_url}/events/{snapshot.slug}/register",
        "availability": Shown("open"),  # the console's preview: the page adds the real band
        "webcal_feed": webcal(f"{events_url}/feeds/organizations/{snapshot.organizer.slug}.ics"),
        # The footer's legal links: the event's privacy notice, its organization's statement.
        "page_event": snapshot.slug,
        "page_org": snapshot.organizer,
    }

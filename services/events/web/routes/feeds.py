"""An organization's events as news: Atom and RSS feeds of its upcoming and recently ended
events, for feed readers and the news widgets of the Comuni's sites. (Calendar apps take
the .ics feed of calendars.py.)"""

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.events.context import CtxDep
from services.events.formats.listing import listed
from services.events.usecases import syndication
from services.events.web.routes.embed import asked_language
from shared.web.caching import cached, etag
from shared.web.deps import PagesDep, SessionDep

if TYPE_CHECKING:  # ElementTree (~1 MiB) is loaded by the first feed asked for, not at start
    from services.events.formats.feeds import Feed

router = APIRouter(include_in_schema=False)

FEED_MAX_AGE = 300  # as the calendar feeds: readers poll, and a few minutes late is news still
MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
}


@router.get("/feeds/organizations/{organization}.atom")
async def atom_feed(
    request: Request, organization: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> Response:
    """Atom 1.0 (RFC 4287)."""
    return await _answer("atom", request, organization, session, ctx, pages)


@router.get("/feeds/organizations/{organization}.rss")
async def rss_feed(
    request: Request, organization: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> Response:
    """RSS 2.0, for the widgets that read nothing else."""
    return await _answer("rss", request, organization, session, ctx, pages)


async def _answer(
    kind: Literal["atom", "rss"],
    request: Request,
    organization: str,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
) -> Response:
    from services.events.formats.feeds import atom, rss

    write = atom if kind == "atom" else rss
    listing = await syndication.syndicated(
        session=session,
        organization=organization,
        now=datetime.now(UTC),
        events_url=ctx.settings.events_public_url,
    )
    return cached(
        request,
        _tag(kind, listing, pages, request),
        lambda: Response(write(_feed(listing, request, pages, ctx)), media_type=MEDIA_TYPES[kind]),
        max_age=FEED_MAX_AGE,
    )


def _tag(kind: str, listing: syndication.Listing, pages: PagesDep, request: Request) -> str:
    versions = [f"{event.id}:{event.revision}" for event in listing.events]
    name = listing.organization.name
    return etag("feed", kind, pages.version, asked_language(request, pages), name, *versions)


def _feed(listing: syndication.Listing, request: Request, pages: PagesDep, ctx: CtxDep) -> "Feed":
    from services.events.formats.feeds import Entry, Feed

    lang = asked_language(request, pages)
    _ = pages.catalogs.translator(lang)
    events_url = ctx.settings.events_public_url
    asked = f"?lang={lang}" if "lang" in request.query_params else ""
    entries = []
    for event in listing.events:
        item = listed(event, url=f"{events_url}/events/{event.slug}?lang={lang}", lang=lang, say=_)
        title = _("embed_cancelled_title", title=event.title) if item.cancelled else event.title
        revised = listing.revised[event.id]
        entries.append(Entry(item, title, revised.published, revised.updated))
    organization = listing.organization
    return Feed(
        title=_("embed_title", name=organization.name),
        language=lang,
        self_url=f"{events_url}{request.url.path}{asked}",
        page_url=f"{events_url}/?organizer={organization.slug}&lang={lang}",
        author=organization.name,
        updated=max((entry.updated for entry in entries), default=datetime.now(UTC)),
        entries=entries,
    )

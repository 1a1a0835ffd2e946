"""Events on other websites: an organization's upcoming events as a page made to be framed
(an iframe on the Comune's own site), as JSON with its texts already said for the small
script a site may include instead, and that script. None of them sets or reads a cookie."""

from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from services.events.context import CtxDep
from services.events.formats.listing import listed
from services.events.usecases import syndication
from shared.errors import NotFound
from shared.web.caching import cached, etag
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False)

SCRIPT = Path(__file__).parents[1] / "scripts" / "embed.js"
SHOWN, MOST = 5, 20  # events listed unless the site asks for another number, and at most
# Sites keep the script an hour: it changes with a release, and revalidates by its ETag.
SCRIPT_MAX_AGE = 3600
# Any site may frame the list: it is made for that. It loads our styles and fonts only, runs
# no script and sends no form, whoever frames it.
FRAMED = (
    "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors *"
)
# Readable by any site's script, which sends no credentials; loadable under a site's COEP.
SHARED = {"Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin"}


@router.get("/embed/events.js")
async def script(request: Request) -> Response:
    """The script that draws the list into <div data-convegni-organization="..."> elements."""
    body, tag = _script()
    answer = cached(
        request,
        tag,
        lambda: Response(body, media_type="text/javascript; charset=utf-8"),
        max_age=SCRIPT_MAX_AGE,
    )
    answer.headers.update(SHARED)
    return answer


@cache
def _script() -> tuple[bytes, str]:
    body = SCRIPT.read_bytes()
    return body, etag("embed.js", body.decode())


@router.get("/embed/organizations/{organization}/events.json")
async def listed_events(
    request: Request,
    organization: str,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
    limit: int = SHOWN,
) -> Response:
    """The list as the script draws it."""
    listing = await _upcoming(session, ctx, organization, limit)
    answer = cached(
        request,
        _tag("json", listing, pages, request, limit),
        lambda: JSONResponse(_said(listing, request, pages, ctx)),
        max_age=ctx.settings.page_max_age_seconds,
    )
    answer.headers.update(SHARED)
    return answer


@router.get("/embed/organizations/{organization}")
async def framed_list(
    request: Request,
    organization: str,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
    limit: int = SHOWN,
) -> Response:
    """The list as a page for an iframe; an unknown organization is said inside the frame
    too, where the site's editor looks for it."""
    answer: Response
    try:
        listing = await _upcoming(session, ctx, organization, limit)
    except NotFound:
        lang = asked_language(request, pages)
        home = f"{ctx.settings.events_public_url}/?lang={lang}"
        context = {"home_url": home, "lang": lang}
        answer = pages.render(request, "embed.html", context, status_code=404)
    else:
        answer = cached(
            request,
            _tag("page", listing, pages, request, limit),
            lambda: pages.render(request, "embed.html", _said(listing, request, pages, ctx)),
            max_age=ctx.settings.page_max_age_seconds,
        )
    answer.headers["Content-Security-Policy"] = FRAMED
    return answer


def asked_language(request: Request, pages: PagesDep) -> str:
    """The language the address asks for (?lang=), else Italian; never the visitor's
    browser's: what another site shows is part of its page, in the language its editor
    chose, and a reader of feeds has no language of its own."""
    asked = request.query_params.get("lang")
    return asked if asked in pages.catalogs.languages else pages.catalogs.languages[0]


async def _upcoming(
    session: SessionDep, ctx: CtxDep, organization: str, limit: int
) -> syndication.Listing:
    return await syndication.upcoming(
        session=session,
        organization=organization,
        now=datetime.now(UTC),
        events_url=ctx.settings.events_public_url,
        limit=min(max(limit, 1), MOST),
    )


def _tag(
    kind: str, listing: syndication.Listing, pages: PagesDep, request: Request, limit: int
) -> str:
    versions = [f"{event.id}:{event.revision}" for event in listing.events]
    name = listing.organization.name
    lang = asked_language(request, pages)
    return etag("embed", kind, pages.version, lang, limit, name, *versions)


def _said(
    listing: syndication.Listing, request: Request, pages: PagesDep, ctx: CtxDep
) -> dict[str, Any]:
    """The list with every text said in the reader's language, for the page and the script."""
    lang = asked_language(request, pages)
    _ = pages.catalogs.translator(lang)
    events_url = ctx.settings.events_public_url
    slug, name = listing.organization.slug, listing.organization.name
    shown = [
        listed(event, url=f"{events_url}/events/{event.slug}?lang={lang}", lang=lang, say=_)
        for event in listing.events
    ]
    return {
        "lang": lang,
        "organization": {"slug": slug, "name": name},
        "label": _("embed_title", name=name),
        "all": {
            "text": _("embed_all", name=name),
            "url": f"{events_url}/?organizer={slug}&lang={lang}",
        },
        "none": _("embed_none"),
        "events": [
            {
                "title": item.title,
                "url": item.url,
                "when": item.when,
                "starts_at": item.starts_at,
                "place": item.place,
                "language": item.language,
                "cancelled": _("embed_cancelled") if item.cancelled else None,
            }
            for item in shown
        ],
    }

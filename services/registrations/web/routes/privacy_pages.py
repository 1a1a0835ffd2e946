"""The privacy notices people read: an event's (the version in force, and every version
anyone consented to, at its own address forever), an organization's, and the list of them."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.registrations.domain.privacy import event_notice_path
from services.registrations.usecases import event_copy, privacy
from shared.contracts import EventSnapshotV1
from shared.inputs import RowIdInPath
from shared.web.deps import PagesDep, SessionDep
from shared.web.templating import Pages

router = APIRouter(include_in_schema=False)


def _page(request: Request, pages: Pages, context: dict[str, object]) -> HTMLResponse:
    return pages.render(request, "privacy_notice.html", context)


@router.get("/privacy", response_class=HTMLResponse)
async def notices(request: Request, session: SessionDep, pages: PagesDep) -> HTMLResponse:
    """Every organization's notice; each event's form links to its event's own."""
    found = await privacy.organizations(session=session)
    crumbs = [(pages.translator(request)("privacy_title"), None)]
    context = {"organizations": found, "breadcrumbs": crumbs}
    return pages.render(request, "privacy_index.html", context)


@router.get("/privacy/{org}", response_class=HTMLResponse)
async def organization_notice(
    request: Request, org: str, session: SessionDep, pages: PagesDep
) -> HTMLResponse:
    notice = await privacy.organization_notice(session=session, organization=org)
    named = notice.content["organization"]
    context = {
        "notice": notice,
        "page_org": named,
        "breadcrumbs": [
            (pages.translator(request)("privacy_title"), "/privacy"),
            (named["name"], None),
        ],
    }
    return _page(request, pages, context)


async def _event_page(
    request: Request, slug: str, version: int | None, session: SessionDep, pages: Pages
) -> HTMLResponse:
    event = await event_copy.find_public_event(session=session, slug=slug)  # drafts: none
    notice = await privacy.event_notice(session=session, slug=slug, version=version)
    versions = await privacy.event_versions(session=session, event_id=event.event_id)
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    context = {
        "notice": notice,
        "in_force": event.privacy_version,
        "versions": versions,
        "version_url": lambda n: event_notice_path(slug, n),
        "page_event": slug,
        "page_org": notice.content["organization"],
        "event_url": f"{pages.site.get('events_url', '')}/events/{slug}",
        "event_title": snapshot.title,
        "breadcrumbs": [
            (snapshot.title, f"{pages.site.get('events_url', '')}/events/{slug}"),
            (pages.translator(request)("privacy_title"), None),
        ],
    }
    return _page(request, pages, context)


@router.get("/events/{slug}/privacy", response_class=HTMLResponse)
async def event_notice(
    request: Request, slug: str, session: SessionDep, pages: PagesDep
) -> HTMLResponse:
    """The version in force on the event's form."""
    return await _event_page(request, slug, None, session, pages)


@router.get("/events/{slug}/privacy/{version}", response_class=HTMLResponse)
async def event_notice_version(
    request: Request, slug: str, version: RowIdInPath, session: SessionDep, pages: PagesDep
) -> HTMLResponse:
    """One version, as it was consented to: never changed."""
    return await _event_page(request, slug, version, session, pages)

"""The site's legal pages: the accessibility statement (the installation's and each
organization's, AgID's model), the legal notes and the cookies this software sets."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.events.context import CtxDep
from services.events.usecases import accessibility
from shared.catalogs import N_
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False)
# Every cookie the services set (grep set_cookie): name, service, path, lifetime key.
COOKIES = (
    ("form_csrf", "registrations", "/", N_("cookie_life_day")),
    ("convegni_session", "events", "/console", N_("cookie_life_session")),
    ("convegni_staff", "registrations", "/organizer", N_("cookie_life_session")),
    ("ops", "notifications", "/deliveries", N_("cookie_life_session")),
)


def _crumb(pages: PagesDep, request: Request, key: str) -> list[tuple[str, str | None]]:
    return [(pages.translator(request)(key), None)]


@router.get("/accessibility")
async def site_statement(request: Request, ctx: CtxDep, pages: PagesDep) -> Response:
    """The installation's statement: what is true of this software."""
    statement = accessibility.default_statement(None, ctx.settings.accessibility_email)
    context = {
        "statement": statement,
        "operator": ctx.settings.operator_name,
        "breadcrumbs": _crumb(pages, request, "a11y_title"),
    }
    return pages.render(request, "accessibility.html", context)


@router.get("/organizations/{org}/accessibility")
async def organization_statement(
    request: Request, org: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> Response:
    """An organization's statement, for what it publishes here."""
    organization = await accessibility.organization_by_slug(session=session, slug=org)
    statement = await accessibility.statement_of(session=session, organization=organization)
    context = {
        "statement": statement,
        "site_email": ctx.settings.accessibility_email,
        "page_org": organization,
        "breadcrumbs": _crumb(pages, request, "a11y_title"),
    }
    return pages.render(request, "accessibility.html", context)


@router.get("/legal-notes")
async def legal_notes(request: Request, ctx: CtxDep, pages: PagesDep) -> Response:
    context = {
        "operator": ctx.settings.operator_name,
        "breadcrumbs": _crumb(pages, request, "legal_notes_title"),
    }
    return pages.render(request, "legal_notes.html", context)


@router.get("/cookies")
async def cookies(request: Request, pages: PagesDep) -> Response:
    context = {"cookies": COOKIES, "breadcrumbs": _crumb(pages, request, "cookies_title")}
    return pages.render(request, "cookies.html", context)

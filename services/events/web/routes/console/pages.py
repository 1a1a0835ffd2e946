"""Rendering console pages: the events templates with the console's texts, never cached."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request

from services.events.domain.access import RoleRefused
from services.events.texts import CATALOGS
from shared.errors import UserFacingError
from shared.web.i18n import DEFAULT_LANGUAGE
from shared.web.templating import Pages

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The public templates and the service's texts (the console's among them), as the preview needs.
PAGES = Pages(TEMPLATES, CATALOGS)
# What ?done= may announce after a redirect; anything else is ignored.
DONE = frozenset(
    {
        "created",
        "saved",
        "material_added",
        "material_removed",
        "recording_saved",
        "published",
        "cancelled",
        "completed",
        "added",
        "imported",
        "moved",
        "removed",
        "revoked",
        "announced",
        "published_quietly",
        "nothing_pending",
        "discarded",
        "invited",
        "role_changed",
        "member_removed",
        "joined",
    }
)


def with_lang(request: Request, path: str, **query: str | None) -> str:
    """`path` with `query`, keeping the reader's language unless it is the default."""
    params = {name: value for name, value in query.items() if value is not None}
    language = PAGES.language(request)
    if language != DEFAULT_LANGUAGE and "lang=" not in path:
        params["lang"] = language
    if not params:
        return path
    return f"{path}{'&' if '?' in path else '?'}{urlencode(params)}"


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    csrf: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A console page in the reader's language; pages behind a login are never cached."""
    done = request.query_params.get("done")
    # The app's Pages: the same templates and texts as PAGES (built before the app is), with
    # the app's public addresses, and one Jinja environment for the service, so that what
    # the console and the public pages both render (base.html) is compiled and kept once.
    pages = getattr(request.app.state, "pages", PAGES)
    common = {
        "home_url": with_lang(request, "/console/"),
        "link": lambda path, **query: with_lang(request, path, **query),
        "done": done if done in DONE else None,
        "csrf": csrf,
        # The footer's legal links lead to the services that serve them.
        "site": pages.site,
    }
    response = pages.render(request, template, {**common, **context}, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def see_other(request: Request, path: str, **query: str | None) -> RedirectResponse:
    """The redirect after a form (303: the browser follows with a GET)."""
    return RedirectResponse(with_lang(request, path, **query), status_code=303)


def refusal_page(request: Request, refusal: UserFacingError) -> HTMLResponse:
    """A use case's refusal as a page: what happened in the reader's words, then its own."""
    heading = f"error_page_{refusal.status}"
    context = {
        "heading": heading if CATALOGS.knows(heading) else "error",
        "message": refusal.message,
        "details": refusal.details,
        # A role's refusal names the role in the reader's words, and what it may do instead.
        "refused_role": refusal.role if isinstance(refusal, RoleRefused) else None,
        "said": getattr(refusal, "said", None),  # a refusal with a text of its own
    }
    return render(request, "console/error.html", context, status_code=refusal.status)

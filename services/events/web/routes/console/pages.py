"""Rendering console pages: the events templates with the console's texts, never cached."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request

from services.events.texts.console import CONSOLE_MESSAGES
from services.events.texts.pages import MESSAGES
from shared.errors import UserFacingError
from shared.web.i18n import pick_language
from shared.web.templating import Pages

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The public templates with the console's texts beside theirs, so the preview uses them too.
PAGES = Pages(TEMPLATES, {**MESSAGES, **CONSOLE_MESSAGES})
# What ?done= may announce after a redirect; anything else is ignored.
DONE = frozenset(
    {"created", "saved", "published", "cancelled", "added", "moved", "removed", "revoked"}
)


def with_lang(request: Request, path: str, **query: str | None) -> str:
    """`path` with `query`, keeping English for a reader who reads English."""
    params = {name: value for name, value in query.items() if value is not None}
    if pick_language(request) == "en" and "lang=" not in path:
        params["lang"] = "en"
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
    common = {
        "home_url": with_lang(request, "/console/"),
        "link": lambda path, **query: with_lang(request, path, **query),
        "done": done if done in DONE else None,
        "csrf": csrf,
    }
    response = PAGES.render(request, template, {**common, **context}, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def see_other(request: Request, path: str, **query: str | None) -> RedirectResponse:
    """The redirect after a form (303: the browser follows with a GET)."""
    return RedirectResponse(with_lang(request, path, **query), status_code=303)


def refusal_page(request: Request, refusal: UserFacingError) -> HTMLResponse:
    """A use case's refusal as a page: what happened in the reader's words, then its own."""
    heading = f"error_page_{refusal.status}"
    context = {
        "heading": heading if heading in CONSOLE_MESSAGES else "error",
        "message": refusal.message,
        "details": refusal.details,
    }
    return render(request, "console/error.html", context, status_code=refusal.status)

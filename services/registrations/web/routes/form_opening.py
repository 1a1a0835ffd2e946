"""The form of an event this service has not heard of yet: in the first seconds after an event
is published, its copy is still on its way over the bus. A citizen who follows the link
then gets a page that checks again by itself, not a bare 404."""

from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse

from services.registrations.context import of_request
from shared.web import breadcrumbs
from shared.web.breadcrumbs import place
from shared.web.templating import Pages

# A form asked for before this service heard of its event (the first seconds after it is
# published) looks again by itself, every few seconds, this many times, then says not found.
OPENING_RETRY_SECONDS = 5
OPENING_RETRIES = 24


def opening_page(request: Request, pages: Pages, slug: str, tries: int) -> HTMLResponse:
    """'Registrations are opening': 404 (nothing is here yet), refreshing itself a while;
    after OPENING_RETRIES tries it stops and says the form was not found."""
    waiting = 0 <= tries < OPENING_RETRIES
    query = {"tries": str(tries + 1), **_kept_language(request)}
    context = {
        "waiting": waiting,
        "retry_seconds": OPENING_RETRY_SECONDS,
        "retry_url": f"/events/{quote(slug)}/register?{urlencode(query)}",
        "events_url": of_request(request).settings.events_public_url,
        **place(pages, request, here=breadcrumbs.FORM),
    }
    response = pages.render(request, "form_opening.html", context, status_code=404)
    response.headers["Cache-Control"] = "no-store"
    return response


def _kept_language(request: Request) -> dict[str, str]:
    lang = request.query_params.get("lang")
    return {"lang": lang} if lang else {}

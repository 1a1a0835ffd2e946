"""The page a person reads when a request is refused: a heading and a text in the page's
language, and a link to the home page of the events (the same on every service, since the
registrations and notifications services have no home page of their own)."""

from starlette.requests import Request
from starlette.responses import Response

from shared.catalogs import N_
from shared.web.breadcrumbs import place
from shared.web.templating import Pages

# Refusals without words meant for people (an unknown address, a method, a missing login):
# (heading, text) keys by status.
STATUS_TEXTS = {
    401: (N_("http_401_heading"), N_("http_401_text")),
    403: (N_("http_403_heading"), N_("http_403_text")),
    404: (N_("http_404_heading"), N_("http_404_text")),
    405: (N_("http_405_heading"), N_("http_405_text")),
    429: (N_("http_429_heading"), N_("http_429_text")),
}
OTHER_STATUS_TEXTS = (N_("http_heading"), N_("http_text"))


class ErrorPages:
    """Renders the shared error page, with the way home, for one service's pages."""

    def __init__(self, pages: Pages, *, home: str) -> None:
        self.pages = pages
        self.home = home.rstrip("/") + "/"

    def for_status(
        self, request: Request, status: int, headers: dict[str, str] | None = None
    ) -> Response:
        """The page of a refusal said only by its status, in the reader's language."""
        heading, text = STATUS_TEXTS.get(status, OTHER_STATUS_TEXTS)
        say = self.pages.translator(request)
        return self.said(request, status, say(heading), say(text), headers)

    def said(
        self,
        request: Request,
        status: int,
        heading: str,
        message: str,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """The page with these words (already in the reader's language, or the use case's)."""
        context = {
            "heading": heading,
            "message": message,
            "home_url": self.home_link(request),
            **place(self.pages, request, here=heading),
        }
        response = self.pages.render(request, "error.html", context, status_code=status)
        response.headers.update(headers or {})
        return response

    def home_link(self, request: Request) -> str:
        """The events' home page, in the language asked for here if one was."""
        asked = request.query_params.get("lang")
        return f"{self.home}?lang={asked}" if asked in self.pages.catalogs.languages else self.home

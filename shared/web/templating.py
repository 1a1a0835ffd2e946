"""Jinja2 pages with the shared Bootstrap Italia layout and the reader's language."""

from pathlib import Path
from typing import Any

import jinja2
from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from shared.catalogs import Catalogs, Translator
from shared.web.caching import files_version
from shared.web.i18n import install_gettext, other_languages, pick_language
from shared.web.timefmt import TIME_FILTERS

SHARED_TEMPLATES = Path(__file__).parent / "templates"


class Pages:
    """Renders a service's templates, falling back to the shared ones (base layout, errors),
    with the texts of `catalogs` (the shared ones and the service's)."""

    def __init__(self, templates_dir: Path, catalogs: Catalogs) -> None:
        loader = jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(templates_dir), jinja2.FileSystemLoader(SHARED_TEMPLATES)]
        )
        environment = jinja2.Environment(loader=loader, autoescape=True)
        environment.filters.update(TIME_FILTERS)
        install_gettext(environment, catalogs)
        catalogs.load()
        self._templates = Jinja2Templates(env=environment)
        self.catalogs = catalogs
        # Part of every page's ETag: a deploy with new templates or texts must not answer 304.
        self.version = files_version(templates_dir, SHARED_TEMPLATES, *catalogs.sources)
        # The public addresses of the services, for links across them (footer, header).
        self.site: dict[str, str] = {}

    def language(self, request: Request) -> str:
        return pick_language(request, self.catalogs.languages)

    def translator(self, request: Request) -> Translator:
        return self.catalogs.translator(self.language(request))

    def render(
        self, request: Request, name: str, context: dict[str, Any], *, status_code: int = 200
    ) -> HTMLResponse:
        """Render `name` in the reader's language (`lang`), with the other languages offered
        (`other_languages`: code and own name)."""
        lang = self.language(request)
        full = {
            "lang": lang,
            "other_languages": other_languages(self.catalogs, lang),
            "site": self.site,
            **context,
        }
        return self._templates.TemplateResponse(request, name, full, status_code=status_code)

"""Jinja2 pages with the shared Bootstrap Italia layout and the reader's language."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from shared.web.caching import files_version
from shared.web.i18n import COMMON_MESSAGES, Translator, pick_language
from shared.web.timefmt import TIME_FILTERS

SHARED_TEMPLATES = Path(__file__).parent / "templates"


class Pages:
    """Renders a service's templates, falling back to the shared ones (base layout, errors)."""

    def __init__(self, templates_dir: Path, messages: Mapping[str, tuple[str, str]]) -> None:
        loader = jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(templates_dir), jinja2.FileSystemLoader(SHARED_TEMPLATES)]
        )
        environment = jinja2.Environment(loader=loader, autoescape=True)
        environment.filters.update(TIME_FILTERS)
        self._templates = Jinja2Templates(env=environment)
        self._catalog = {**COMMON_MESSAGES, **messages}
        # Part of every page's ETag: a deploy with new templates must not answer 304.
        self.version = files_version(templates_dir, SHARED_TEMPLATES)

    def translator(self, request: Request) -> Translator:
        return Translator(self._catalog, pick_language(request))

    def render(
        self, request: Request, name: str, context: dict[str, Any], *, status_code: int = 200
    ) -> HTMLResponse:
        """Render `name` in the reader's language with `_` for translations."""
        _ = self.translator(request)
        full = {"_": _, "lang": _.language, **context}
        return self._templates.TemplateResponse(request, name, full, status_code=status_code)

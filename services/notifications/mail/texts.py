"""Email texts rendered from Jinja2 templates in the recipient's language."""

from pathlib import Path
from typing import Any

import jinja2

from shared.ical import programme_outline
from shared.web.timefmt import TIME_FILTERS

TEMPLATES = Path(__file__).parent.parent / "templates" / "mail"

SUBJECTS = {
    "confirmed": ("Iscrizione confermata: {title}", "Registration confirmed: {title}"),
}


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(TIME_FILTERS)
    env.globals["programme_outline"] = programme_outline
    return env


_TEXT = _environment(autoescape=False)
_HTML = _environment(autoescape=True)


def subject(kind: str, language: str, **values: Any) -> str:
    return SUBJECTS[kind][0 if language == "it" else 1].format(**values)


def render_text(kind: str, language: str, context: dict[str, Any]) -> str:
    return _TEXT.get_template(f"{kind}.{language}.txt").render(context)


def render_html(kind: str, language: str, context: dict[str, Any]) -> str:
    return _HTML.get_template(f"{kind}.{language}.html").render(context)

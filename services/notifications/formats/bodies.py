"""An email's texts: one template per kind (`<kind>.txt`, `<kind>.html`) in formats/templates,
saying the notifications catalog's texts in the recipient's language (the language picks the
catalog, not the file), and its subject from the same catalog."""

from pathlib import Path
from typing import Any

import jinja2

from services.notifications.texts import CATALOGS
from shared.programme import by_day, item_lines
from shared.web.i18n import install_gettext
from shared.web.timefmt import TIME_FILTERS

TEMPLATES = Path(__file__).parent / "templates"


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,  # an included part ends its last line
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(TIME_FILTERS)
    env.globals.update(programme_days=by_day, item_lines=item_lines)
    install_gettext(env, CATALOGS)
    return env


_TEXT = _environment(autoescape=False)
_HTML = _environment(autoescape=True)


def subject(key: str, language: str, **values: Any) -> str:
    """The subject of `key` ("cancelled.lapsed"): the catalog's subject_<key>, else the one
    of its kind (subject_cancelled)."""
    own = f"subject_{key}"
    chosen = own if CATALOGS.knows(own) else f"subject_{key.partition('.')[0]}"
    return CATALOGS.text(language, chosen, **values)


def render_text(kind: str, language: str, context: dict[str, Any]) -> str:
    return _TEXT.get_template(f"{kind}.txt").render({**context, "lang": language})


def render_html(kind: str, language: str, context: dict[str, Any]) -> str:
    return _HTML.get_template(f"{kind}.html").render({**context, "lang": language})

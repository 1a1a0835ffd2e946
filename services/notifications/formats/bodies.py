"""An email's texts: one template per kind (`<kind>.txt`, `<kind>.html`) in formats/templates,
saying the notifications catalog's texts in the recipient's language (the language picks the
catalog, not the file), and its subject from the same catalog."""

import re
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape

from services.notifications.texts import CATALOGS
from shared.programme import by_day, documents, item_lines
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
    env.globals.update(programme_days=by_day, item_lines=item_lines, documents=documents)
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


# What differs from one recipient to the next of one email about one event: rendered as
# marks, then filled in, so the rest of the text is rendered once for everyone. (A waitlist
# position is said as text, %(position)s, in every catalog.)
PERSONAL = (
    "name",
    "manage_url",
    "ticket_code",
    "cancel_url",
    "confirm_url",
    "accept_url",
    "position",
)
_MARK = re.compile("\ue000([a-z_]+)\ue001")
FRAMES_KEPT = 128  # shapes rendered with marks, the least recently used dropped first
SEEN_KEPT = 512  # shapes met once (a deadline of one person's own is met once only)


@dataclass(frozen=True)
class Bodies:
    text: str
    html: str


_frames: OrderedDict[Hashable, Bodies | None] = OrderedDict()
_seen: OrderedDict[Hashable, None] = OrderedDict()


def render_bodies(kind: str, language: str, context: dict[str, Any]) -> Bodies:
    """The text and HTML of `kind`, as render_text and render_html write them. A shape of
    email (kind, language, event, every value but the personal ones, and which of those are
    set) met a second time is rendered with marks in their place, kept, and filled in from
    then on; that second email is also rendered whole and compared, and a shape whose marks
    do not fill in to the same text (a template that transforms a personal value) is
    rendered whole every time."""
    personal = {key: str(context[key]) for key in PERSONAL if context.get(key)}
    try:
        shared = frozen({k: v for k, v in context.items() if k not in personal})
        shape = (kind, language, shared, tuple(sorted(personal)))
        hash(shape)
    except TypeError:  # a value that cannot be a key: nothing to share
        return _whole(kind, language, context)
    if shape in _frames:
        _frames.move_to_end(shape)
        frame = _frames[shape]
        return _whole(kind, language, context) if frame is None else _filled(frame, personal)
    whole = _whole(kind, language, context)
    if _seen.pop(shape, False) is None:  # met before: worth keeping
        marked = {key: f"\ue000{key}\ue001" for key in personal}
        frame = _whole(kind, language, {**context, **marked})
        _kept(_frames, shape, frame if _filled(frame, personal) == whole else None, FRAMES_KEPT)
    else:
        _kept(_seen, shape, None, SEEN_KEPT)
    return whole


def _kept(kept: OrderedDict[Hashable, Any], key: Hashable, value: Any, size: int) -> None:
    kept[key] = value
    if len(kept) > size:
        kept.popitem(last=False)


def _whole(kind: str, language: str, context: dict[str, Any]) -> Bodies:
    return Bodies(render_text(kind, language, context), render_html(kind, language, context))


def _filled(frame: Bodies, personal: dict[str, str]) -> Bodies:
    escaped = {key: str(escape(value)) for key, value in personal.items()}
    return Bodies(
        _MARK.sub(lambda mark: personal[mark[1]], frame.text),
        _MARK.sub(lambda mark: escaped[mark[1]], frame.html),
    )


def frozen(value: Any) -> Hashable:
    """`value` as a dictionary key: lists and dicts as tuples, the rest as it is."""
    if isinstance(value, dict):
        return tuple(sorted((key, frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(frozen(item) for item in value)
    return value  # type: ignore[no-any-return]

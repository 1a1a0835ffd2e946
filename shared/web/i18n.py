"""The reader's language, and catalog texts in Jinja2 templates.

Templates say a text with `{{ _("key", name=value) }}` (Jinja2's i18n extension, newstyle
gettext). In HTML a catalog text is plain text, escaped like any value, except under keys
ending in `_html`: those carry their own markup (emails' sentences with <strong> inside).

What organizers wrote (an event's title, description, programme, venue) stays in its own
language, Italian: on a page in another language its element says so with
`<h1{{ lang_attr(event.language) }}>`, so that a screen reader reads it with Italian voice.
"""

from collections.abc import Sequence

import jinja2
from markupsafe import Markup, escape
from starlette.requests import Request

from shared.catalogs import DEFAULT_LANGUAGE, N_, Catalogs, shared_catalogs

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGE_NAME",
    "install_gettext",
    "other_languages",
    "pick_language",
]

# Every catalog names its own language ("Italiano", "English", "Deutsch") for the switch.
LANGUAGE_NAME = N_("language_name")


def pick_language(request: Request, languages: Sequence[str] | None = None) -> str:
    """The language asked in ?lang=, else the browser's first choice we speak, else the
    first of `languages` (Italian); `languages` defaults to those of the shared texts."""
    offered = languages or shared_catalogs().languages
    asked = request.query_params.get("lang")
    if asked is not None and asked in offered:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in offered:
            return code
    return offered[0]


def other_languages(catalogs: Catalogs, language: str) -> list[tuple[str, str]]:
    """(code, own name) of every language but `language`, for the language switch."""
    others = [code for code in catalogs.languages if code != language]
    return [(code, catalogs.text(code, LANGUAGE_NAME)) for code in others]


@jinja2.pass_context
def lang_attr(context: jinja2.runtime.Context, language: object = None) -> Markup:
    """` lang="it"` for an element holding text written in `language` (Italian when not
    known) on a page in another language; nothing on a page in that language."""
    written = str(language) if language else DEFAULT_LANGUAGE
    return Markup("") if written == context["lang"] else Markup(' lang="%s"') % written


def install_gettext(environment: jinja2.Environment, catalogs: Catalogs) -> None:
    """Jinja2's i18n extension saying `catalogs` in the language the context's `lang` names,
    and `lang_attr` marking what stays in the organizers' language."""
    environment.add_extension("jinja2.ext.i18n")
    environment.globals["lang_attr"] = lang_attr

    def said(context: jinja2.runtime.Context, key: str, text: str) -> str:
        if text == key:  # not a key but a value: said as it is, '%' and all
            text = key.replace("%", "%%")
        if context.eval_ctx.autoescape and not key.endswith("_html"):
            return escape(text)
        return text

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, key: str) -> str:
        return said(context, key, catalogs.translations(context["lang"]).gettext(key))

    @jinja2.pass_context
    def ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int) -> str:
        text = catalogs.translations(context["lang"]).ngettext(singular, plural, n)
        return said(context, singular if n == 1 else plural, text)

    environment.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext, ngettext, newstyle=True
    )

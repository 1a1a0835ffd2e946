"""Italian first, English second: pick the reader's language and translate short texts."""

from collections.abc import Mapping

from starlette.requests import Request

LANGUAGES = ("it", "en")
DEFAULT_LANGUAGE = "it"

# Texts every page uses; services add their own catalog beside it.
COMMON_MESSAGES: dict[str, tuple[str, str]] = {
    "skip_to_content": ("Vai al contenuto", "Skip to content"),
    "site_name": ("Convegni", "Convegni"),
    "site_tagline": (
        "Convegni ed eventi pubblici dei Comuni",
        "Public conferences of Italian municipalities",
    ),
    "other_language": ("English", "Italiano"),
    "footer_note": (
        "Software libero per le pubbliche amministrazioni.",
        "Free software for public administrations.",
    ),
    "not_found": ("Pagina non trovata", "Page not found"),
    "error": ("Si è verificato un errore", "Something went wrong"),
}


def pick_language(request: Request) -> str:
    """The language asked in ?lang=, else the browser's first choice we speak, else Italian."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


class Translator:
    """Looks a key up in the merged catalogs; an unknown key shows itself, never an error."""

    def __init__(self, catalog: Mapping[str, tuple[str, str]], language: str) -> None:
        self._catalog = catalog
        self._index = LANGUAGES.index(language)
        self.language = language

    def __call__(self, key: str, **values: object) -> str:
        texts = self._catalog.get(key)
        text = texts[self._index] if texts else key
        return text.format(**values) if values else text

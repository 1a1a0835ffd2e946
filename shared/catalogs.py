"""Texts for people from gettext catalogs, one per folder, area and language:
<folder>/<language>/LC_MESSAGES/<domain>.po, where a domain is one area of the product (a
service's public pages, its console, its emails), so that a translator works on one file
per area. Read when first asked for (nothing compiled is committed), by shared/po_files.py
rather than Babel, whose modules a service would keep only for that. The msgids
are keys ("manage_title"); placeholders are %(name)s and a literal percent sign is %%, in
code as in templates (Jinja2's newstyle gettext).

A folder's domains are read as one catalog: each key lives in one of them, and no caller
names the domain. A language is offered when every folder has all its domains in that
language: adding a language is adding one catalog per domain. Italian comes first (the
default), English second, others after.
"""

from collections.abc import Mapping
from functools import cache, cached_property
from gettext import NullTranslations
from pathlib import Path

from shared.po_files import PoTranslations, read_po_translations

FIRST = ("it", "en")
DEFAULT_LANGUAGE = FIRST[0]
SHARED_TEXTS = Path(__file__).parent / "web" / "texts"


def N_(key: str) -> str:
    """Marks a key the code builds or passes around, so that `pybabel extract` finds it."""
    return key


def catalog_path(folder: Path, language: str, domain: str) -> Path:
    return folder / language / "LC_MESSAGES" / f"{domain}.po"


def domains_in(folder: Path) -> tuple[str, ...]:
    """The domains of `folder`: every name a catalog has there, in any language."""
    return tuple(sorted({po.stem for po in folder.glob("*/LC_MESSAGES/*.po")}))


def languages_in(folder: Path) -> tuple[str, ...]:
    """The languages that have every domain of `folder`: Italian, English, then the others
    by code. A language still lacking one area is not offered, rather than half said."""
    domains = domains_in(folder)
    found = {
        language.name
        for language in folder.iterdir()
        if domains and all(catalog_path(folder, language.name, d).is_file() for d in domains)
    }
    return tuple(sorted(found, key=lambda code: ((*FIRST, code).index(code), code)))


class Translator:
    """Says one key in one language with its values; an unknown key shows itself."""

    def __init__(self, language: str, translations: NullTranslations) -> None:
        self.language = language
        self._translations = translations

    def __call__(self, key: str, **values: object) -> str:
        text = self._translations.gettext(key)
        # Formatted like Jinja's newstyle gettext, so a text reads the same in code and page.
        return key if text == key else text % values


class Catalogs:
    """The texts of one service: every domain of every folder merged per language, later
    folders winning; a language missing a key falls back to the default one (Italian)."""

    def __init__(self, *folders: Path) -> None:
        self.folders = folders

    @cached_property
    def languages(self) -> tuple[str, ...]:
        offered = [languages_in(folder) for folder in self.folders]
        return tuple(code for code in offered[0] if all(code in found for found in offered))

    @property
    def sources(self) -> list[Path]:
        """The folders of the catalogs read, one per folder and language."""
        return [folder / code for folder in self.folders for code in self.languages]

    @property
    def default(self) -> str:
        return self.languages[0]

    def load(self) -> None:
        """Read and compile every catalog now, so that a broken .po stops the start."""
        for language in self.languages:
            self.translations(language)

    def translations(self, language: str) -> NullTranslations:
        return self._all[language if language in self._all else self.default]

    def translator(self, language: str) -> Translator:
        chosen = language if language in self._all else self.default
        return Translator(chosen, self._all[chosen])

    def text(self, language: str, key: str, **values: object) -> str:
        return self.translator(language)(key, **values)

    def knows(self, key: str) -> bool:
        """Whether `key` has a text (in the default language)."""
        return self.translations(self.default).gettext(key) != key

    @cached_property
    def _all(self) -> Mapping[str, NullTranslations]:
        merged = {code: self._merged(code) for code in self.languages}
        for code, translations in merged.items():
            if code != self.default:
                translations.add_fallback(merged[self.default])
        return merged

    def _merged(self, language: str) -> PoTranslations:
        first, *others = (
            read_po_translations(catalog_path(folder, language, domain))
            for folder in self.folders
            for domain in domains_in(folder)
        )
        for translations in others:
            first.merge(translations)
        return first


@cache
def shared_catalogs() -> Catalogs:
    """The texts every page shares (layout, errors, language names)."""
    return Catalogs(SHARED_TEXTS)

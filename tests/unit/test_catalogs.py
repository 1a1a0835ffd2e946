"""Every text for people comes from a catalog that has it in Italian and English alike, as
`pybabel extract` finds the keys in code and templates; a new catalog is a new language."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from starlette.requests import Request

from shared.catalogs import SHARED_TEXTS, Catalogs, catalog_path, languages_in
from shared.web.i18n import other_languages, pick_language

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
# Each domain: the folder `pybabel extract` reads, and the folder of its catalogs.
DOMAINS = {
    "shared": (ROOT / "shared", SHARED_TEXTS),
    **{
        name: (ROOT / "services" / name, ROOT / "services" / name / "texts")
        for name in ("events", "registrations", "notifications")
    },
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted(source: Path) -> dict[str, str]:
    """Every key extraction finds under `source`, with where it first appears."""
    with (ROOT / "babel.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found: dict[str, str] = {}
    for filename, line, key, _, _ in extract_from_dir(source, method_map, options_map):
        found.setdefault(key if isinstance(key, str) else key[0], f"{filename}:{line}")
    return found


def texts(folder: Path, language: str) -> dict[str, str]:
    """msgid -> msgstr of one catalog, untranslated and fuzzy entries as ''."""
    with catalog_path(folder, language).open("rb") as po:
        catalog = read_po(po, locale=language)
    return {m.id: "" if m.fuzzy else m.string for m in catalog if m.id}  # type: ignore[misc]


def _translated(said: dict[str, str]) -> dict[str, str]:
    return {key: text for key, text in said.items() if text}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", ["it", "en"])
def test_every_extracted_key_has_a_text_in_italian_and_english(domain, language):
    source, folder = DOMAINS[domain]
    # A service's catalog may hold a shared key untranslated (pybabel update adds it): the
    # shared text is then said.
    said = {**texts(SHARED_TEXTS, language), **_translated(texts(folder, language))}

    missing = [f"{where} {key}" for key, where in extracted(source).items() if not said.get(key)]

    assert missing == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_catalog_key_is_found_by_extraction(domain):
    source, folder = DOMAINS[domain]

    stale = sorted(set(texts(folder, "it")) - set(extracted(source)))

    assert stale == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_has_the_same_keys_with_the_same_placeholders(domain):
    folder = DOMAINS[domain][1]
    italian = texts(folder, "it")

    for language in languages_in(folder):
        other = texts(folder, language)
        assert set(other) == set(italian), language
        differing = [
            key
            for key, text in other.items()
            if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(italian[key]))
        ]
        assert differing == [], language


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_domain_offers_italian_then_english(domain):
    assert languages_in(DOMAINS[domain][1])[:2] == ("it", "en")


def write_catalog(folder: Path, language: str, texts: dict[str, str]) -> None:
    catalog = Catalog(locale=language, fuzzy=False)
    for key, text in texts.items():
        catalog.add(key, text)
    path = catalog_path(folder, language)
    path.parent.mkdir(parents=True)
    with path.open("wb") as po:
        write_po(po, catalog)


def asking(query: str = "", accept: str = "") -> Request:
    headers = [(b"accept-language", accept.encode())] if accept else []
    return Request({"type": "http", "query_string": query.encode(), "headers": headers})


@pytest.fixture
def with_german(tmp_path):
    """A folder with Italian, English and German catalogs; German lacks one text."""
    write_catalog(tmp_path, "en", {"language_name": "English", "hello": "Hello %(name)s"})
    write_catalog(tmp_path, "de", {"language_name": "Deutsch"})
    write_catalog(tmp_path, "it", {"language_name": "Italiano", "hello": "Ciao %(name)s"})
    return Catalogs(tmp_path)


def test_a_new_catalog_is_a_new_language(with_german):
    assert with_german.languages == ("it", "en", "de")
    assert with_german.text("de", "language_name") == "Deutsch"
    assert other_languages(with_german, "it") == [("en", "English"), ("de", "Deutsch")]


def test_a_text_missing_in_a_new_language_is_said_in_italian(with_german):
    assert with_german.text("de", "hello", name="Anna") == "Ciao Anna"


def test_the_reader_gets_a_new_language_when_asked_or_preferred(with_german):
    languages = with_german.languages

    assert pick_language(asking("lang=de"), languages) == "de"
    assert pick_language(asking(accept="de-AT,de;q=0.9,en;q=0.5"), languages) == "de"
    assert pick_language(asking(accept="fr"), languages) == "it"


def test_a_language_is_offered_only_where_every_folder_has_it(with_german):
    assert Catalogs(SHARED_TEXTS, with_german.folders[0]).languages == ("it", "en")

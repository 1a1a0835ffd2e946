"""Every text for people comes from a catalog that has it in Italian and English alike, as
`pybabel extract` finds the keys in code and templates; each key lives in the catalog of one
area (domain) of its service, or in the shared ones; a new catalog is a new language."""

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import CommandLineInterface, parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from starlette.requests import Request

from shared.catalog_template import template, write_template
from shared.catalogs import SHARED_TEXTS, Catalogs, catalog_path, domains_in, languages_in
from shared.web.i18n import other_languages, pick_language

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("events", "registrations", "notifications")
# Each texts folder: the folder `pybabel extract` reads, and the folder of its catalogs.
FOLDERS = {
    "shared": (ROOT / "shared", SHARED_TEXTS),
    **{name: (ROOT / "services" / name, ROOT / "services" / name / "texts") for name in SERVICES},
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# As for every file in services/ and shared/: one area's texts a translator can take in.
MOST_LINES = 300


def extracted(source: Path) -> dict[str, str]:
    """Every key extraction finds under `source`, with where it first appears."""
    with (ROOT / "babel.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found: dict[str, str] = {}
    for filename, line, key, _, _ in extract_from_dir(source, method_map, options_map):
        found.setdefault(key if isinstance(key, str) else key[0], f"{filename}:{line}")
    return found


def catalog_texts(path: Path) -> dict[str, str]:
    """msgid -> msgstr of one .po file, untranslated and fuzzy entries as ''. A plural entry
    ("1 presente", "2 presenti") is under its singular key, its forms one a line, or '' when
    one of them is missing."""
    with path.open("rb") as po:
        catalog = read_po(po)
    said = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if message.pluralizable else message.id
        forms = message.string if message.pluralizable else (message.string,)
        said[key] = "" if message.fuzzy or not all(forms) else "\n".join(forms)
    return said  # type: ignore[return-value]  # keys and forms are str


def domain_texts(folder: Path, language: str) -> dict[str, dict[str, str]]:
    """domain -> its texts in `language`, for every domain of `folder`."""
    return {d: catalog_texts(catalog_path(folder, language, d)) for d in domains_in(folder)}


def texts(folder: Path, language: str) -> dict[str, str]:
    """msgid -> msgstr of every domain of `folder` in `language`, as the service reads them."""
    domains = domain_texts(folder, language).values()
    return {key: text for said in domains for key, text in said.items()}


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("language", ["it", "en"])
def test_every_extracted_key_has_a_text_in_italian_and_english(folder, language):
    source, texts_folder = FOLDERS[folder]
    said = {**texts(SHARED_TEXTS, language), **texts(texts_folder, language)}

    missing = [f"{where} {key}" for key, where in extracted(source).items() if not said.get(key)]

    assert missing == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_extracted_key_is_in_one_domain_of_its_folder_or_in_shared(folder):
    source, texts_folder = FOLDERS[folder]
    homes: dict[str, list[str]] = {}
    for base in dict.fromkeys((SHARED_TEXTS, texts_folder)):
        for domain, said in domain_texts(base, "it").items():
            for key in said:
                homes.setdefault(key, []).append(f"{base.relative_to(ROOT)}:{domain}")

    misplaced = [
        f"{where} {key} in {homes.get(key, 'no domain')}"
        for key, where in extracted(source).items()
        if len(homes.get(key, [])) != 1
    ]

    assert misplaced == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_key_is_in_two_domains_of_a_folder(folder):
    texts_folder = FOLDERS[folder][1]

    for language in languages_in(texts_folder):
        seen: dict[str, str] = {}
        twice = []
        for domain, said in domain_texts(texts_folder, language).items():
            twice += [f"{key}: {seen[key]} and {domain}" for key in said if key in seen]
            seen.update(dict.fromkeys(said, domain))
        assert twice == [], language


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_catalog_key_is_found_by_extraction(folder):
    source, texts_folder = FOLDERS[folder]

    stale = sorted(set(texts(texts_folder, "it")) - set(extracted(source)))

    assert stale == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_language_has_the_same_keys_with_the_same_placeholders(folder):
    texts_folder = FOLDERS[folder][1]
    italian = domain_texts(texts_folder, "it")

    for language in languages_in(texts_folder):
        for domain, other in domain_texts(texts_folder, language).items():
            assert set(other) == set(italian[domain]), (language, domain)
            differing = [
                key
                for key, text in other.items()
                if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(italian[domain][key]))
            ]
            assert differing == [], (language, domain)


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_folder_offers_italian_then_english(folder):
    assert languages_in(FOLDERS[folder][1])[:2] == ("it", "en")


def test_no_catalog_is_over_300_lines():
    catalogs = [po for _, folder in FOLDERS.values() for po in folder.glob("*/LC_MESSAGES/*.po")]

    long = [
        f"{po.relative_to(ROOT)}: {lines}"
        for po in catalogs
        if (lines := len(po.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    ]

    assert catalogs
    assert long == []


def write_catalog(
    folder: Path, language: str, texts: dict[str, str], domain: str = "pages"
) -> None:
    catalog = Catalog(locale=language, fuzzy=False)
    for key, text in texts.items():
        catalog.add(key, text)
    path = catalog_path(folder, language, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, catalog)


def asking(query: str = "", accept: str = "") -> Request:
    headers = [(b"accept-language", accept.encode())] if accept else []
    return Request({"type": "http", "query_string": query.encode(), "headers": headers})


@pytest.fixture
def with_german(tmp_path):
    """A folder with two domains in Italian, English and German; German lacks one text."""
    write_catalog(tmp_path, "en", {"language_name": "English", "hello": "Hello %(name)s"})
    write_catalog(tmp_path, "en", {"bye": "Goodbye"}, domain="mail")
    write_catalog(tmp_path, "de", {"language_name": "Deutsch"})
    write_catalog(tmp_path, "de", {"bye": "Auf Wiedersehen"}, domain="mail")
    write_catalog(tmp_path, "it", {"language_name": "Italiano", "hello": "Ciao %(name)s"})
    write_catalog(tmp_path, "it", {"bye": "Arrivederci"}, domain="mail")
    return Catalogs(tmp_path)


def test_a_new_catalog_is_a_new_language(with_german):
    assert with_german.languages == ("it", "en", "de")
    assert with_german.text("de", "language_name") == "Deutsch"
    assert other_languages(with_german, "it") == [("en", "English"), ("de", "Deutsch")]


def test_a_key_is_said_whichever_domain_holds_it(with_german):
    said = [with_german.text(language, "bye") for language in ("it", "en", "de")]

    assert said == ["Arrivederci", "Goodbye", "Auf Wiedersehen"]


def test_a_text_missing_in_a_new_language_is_said_in_italian(with_german):
    assert with_german.text("de", "hello", name="Anna") == "Ciao Anna"


def test_the_reader_gets_a_new_language_when_asked_or_preferred(with_german):
    languages = with_german.languages

    assert pick_language(asking("lang=de"), languages) == "de"
    assert pick_language(asking(accept="de-AT,de;q=0.9,en;q=0.5"), languages) == "de"
    assert pick_language(asking(accept="fr"), languages) == "it"


def test_a_language_is_offered_only_where_every_folder_has_it(with_german):
    assert Catalogs(SHARED_TEXTS, with_german.folders[0]).languages == ("it", "en")


def test_a_language_lacking_one_domain_is_not_offered(with_german):
    catalog_path(with_german.folders[0], "de", "mail").unlink()

    assert Catalogs(with_german.folders[0]).languages == ("it", "en")


def test_a_domain_template_holds_its_keys_without_texts():
    console = catalog_texts(catalog_path(FOLDERS["events"][1], "it", "console"))

    keys = {m.id: m.string for m in template(FOLDERS["events"][1], "console") if m.id}

    assert keys == dict.fromkeys(console, "")


def pybabel(*arguments: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *arguments])


def test_babel_cfg_steps_leave_the_catalogs_as_they_are_and_bring_a_new_key_to_english(
    tmp_path,
):
    folder = shutil.copytree(FOLDERS["events"][1], tmp_path / "texts")
    before = {po: po.read_bytes() for po in folder.glob("*/LC_MESSAGES/*.po")}
    pot = tmp_path / "console.pot"
    update = ["update", "-D", "console", "-i", str(pot), "-d", str(folder), "-w", "100"]
    update += ["--no-fuzzy-matching", "--ignore-obsolete"]

    write_template(folder, "console", pot)
    pybabel(*update)
    unchanged = {po: po.read_bytes() for po in before} == before
    with catalog_path(folder, "it", "console").open("a", encoding="utf-8") as italian:
        italian.write('msgid "console_new"\nmsgstr "Nuovo"\n\n')
    write_template(folder, "console", pot)
    pybabel(*update)

    assert unchanged
    assert catalog_texts(catalog_path(folder, "en", "console"))["console_new"] == ""
    assert Catalogs(folder).text("en", "console_new") == "Nuovo"

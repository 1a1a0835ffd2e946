"""Every catalog of the project read without Babel gives the translations Babel gives: the
same texts under the same keys, plural forms included, and the same plural rule."""

import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from shared.po_files import read_po_translations

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted((ROOT / "shared").glob("**/LC_MESSAGES/*.po")) + sorted(
    (ROOT / "services").glob("*/texts/*/LC_MESSAGES/*.po")
)
TRICKY = r"""# a comment
msgid ""
msgstr ""
"Language: it\n"
"Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);\n"

#, fuzzy
msgid "draft"
msgstr "Bozza"

msgid "untranslated"
msgstr ""

msgid "quoted"
msgstr ""
"Disse \"sì\"\t"
"e andò\n"

msgctxt "menu"
msgid "open"
msgstr "Apri"

msgid "seat"
msgid_plural "seat_plural"
msgstr[0] "%(n)s posto"
msgstr[1] "%(n)s di posti"
msgstr[2] "%(n)s posti"

#~ msgid "gone"
#~ msgstr "Sparito"
"""


def read_catalog_with_babel(path, language):
    """What the services did before: Babel's read_po, then write_mo in memory."""
    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=path.stem)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=path.stem)


def texts(translations):
    return {key: text for key, text in translations._catalog.items() if key != ""}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_catalog_reads_as_babel_reads_it(path):
    language = path.parents[1].name

    ours, babels = read_po_translations(path), read_catalog_with_babel(path, language)

    assert texts(ours) == texts(babels)
    assert [ours.plural(n) for n in range(3000)] == [babels.plural(n) for n in range(3000)]


def test_fuzzy_untranslated_and_obsolete_entries_are_left_out_and_escapes_read(tmp_path):
    path = tmp_path / "it" / "LC_MESSAGES" / "pages.po"
    path.parent.mkdir(parents=True)
    path.write_text(TRICKY, encoding="utf-8")

    ours, babels = read_po_translations(path), read_catalog_with_babel(path, "it")

    assert texts(ours) == texts(babels)
    assert ours.gettext("quoted") == 'Disse "sì"\te andò\n'
    assert ours.ngettext("seat", "seat_plural", 2_000_000) == "%(n)s di posti"

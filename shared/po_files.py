"""A gettext catalog (.po) read straight into the standard library's translations, without
Babel: a service would otherwise keep Babel's modules (~1.5 MiB with pytz) only to read its
catalogs once at start. The translations are those Babel's read_po and write_mo give
(tests/unit/test_po_files.py compares every catalog): fuzzy, obsolete and untranslated
entries left out, plural forms under (msgid, n), the header's plural rule."""

import gettext
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r"}
_PLURAL = re.compile(r"plural\s*=\s*([^;]+)")


def _unescape(quoted: str) -> str:
    """The text of one quoted .po line ('"a \\"b\\""' -> 'a "b"')."""
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m[1], m[1]), quoted.strip()[1:-1])


def _entries(lines: list[str]) -> Iterator[tuple[dict[str, str], set[str]]]:
    """Each entry's fields ('msgid', 'msgid_plural', 'msgstr', 'msgstr[0]', ...) and flags."""
    fields: dict[str, str] = {}
    flags: set[str] = set()
    current = ""
    for raw in [*lines, ""]:
        line = raw.strip()
        if not line or (line.startswith("msgid ") and "msgid" in fields):
            if fields:
                yield fields, flags
            fields, flags, current = {}, set(), ""
        if line.startswith("#,"):
            flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith('"') and current:
            fields[current] += _unescape(line)
        elif line and not line.startswith("#"):
            current, _, quoted = line.partition(" ")
            fields[current] = _unescape(quoted)


class PoTranslations(gettext.GNUTranslations):
    """What gettext.GNUTranslations reads from a compiled catalog, read from the .po."""

    def __init__(self, messages: dict[Any, str], plural: str) -> None:
        gettext.NullTranslations.__init__(self)
        self._catalog = messages
        self._charset = "utf-8"
        self.plural = gettext.c2py(plural)

    def merge(self, other: "PoTranslations") -> None:
        """Take `other`'s texts (another domain of the same language) over these."""
        self._catalog.update(other._catalog)


def read_po_translations(path: Path) -> PoTranslations:
    """The translations of one .po file (UTF-8)."""
    messages: dict[Any, str] = {}
    plural = "(n != 1)"
    for fields, flags in _entries(path.read_text(encoding="utf-8").splitlines()):
        msgid = fields.get("msgid", "")
        if "msgctxt" in fields:
            msgid = f"{fields['msgctxt']}\x04{msgid}"
        if msgid == "":
            found = _PLURAL.search(fields.get("msgstr", ""))
            plural = found[1].strip() if found else plural
        elif "fuzzy" not in flags and "msgid_plural" in fields:
            forms = sorted((k for k in fields if k.startswith("msgstr[")), key=_form_number)
            for number, key in enumerate(forms):
                messages[(msgid, number)] = fields[key]
        elif "fuzzy" not in flags and fields.get("msgstr"):
            messages[msgid] = fields["msgstr"]
    return PoTranslations(messages, plural)


def _form_number(key: str) -> int:
    return int(key[len("msgstr[") : -1])

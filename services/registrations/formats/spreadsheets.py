"""An event's registrations as a table, and that table as CSV or Excel.

Every cell goes through safe_cell: a name like `=HYPERLINK(...)` typed in the public form
must reach the organizer's spreadsheet as text, never as a formula.
"""

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from services.registrations.formats.cells import safe_cell
from services.registrations.texts import CATALOGS

Table = list[list[str]]
# The control characters an xlsx cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): kept
# here so that a CSV export and every request but an Excel export never load openpyxl.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# The columns of the registration, in order; each heading is the catalog's export_<column>.
COLUMNS = (
    "id",
    "status",
    "mode",
    "first_name",
    "last_name",
    "email",
    "phone",
    "organization",
    "role",
    "accessibility",
    "accessibility_other",
    "language",
    "marketing_consent",
    "privacy_notice_version",
    "privacy_notice_url",
    "privacy_consent_at",
    "waitlist_position",
    "created_at",
    "checked_in_at",
    "checked_in_by",
    "cancelled_at",
    "erased_at",
)
# "personal" columns are blank once erased.
PERSONAL = frozenset(
    {"first_name", "last_name", "email", "phone", "organization", "role", "accessibility_other"}
)


@dataclass(frozen=True)
class Entry:
    """One registration as its line of the export: the COLUMNS, then the answers to the
    custom questions by question id. Personal columns are blank once `erased_at` is set."""

    id: str
    status: str
    mode: str
    first_name: str
    last_name: str
    email: str
    phone: str | None
    organization: str | None
    role: str | None
    accessibility: list[str]
    accessibility_other: str | None
    language: str
    marketing_consent: bool
    privacy_notice_version: str
    privacy_notice_url: str
    privacy_consent_at: datetime
    waitlist_position: int | None
    created_at: datetime
    checked_in_at: datetime | None
    checked_in_by: str | None
    cancelled_at: datetime | None
    erased_at: datetime | None
    answers: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionColumn:
    """A custom question as its column: its heading in each language, and for a choice the
    labels of its options ({"value", "it", "en"})."""

    id: int
    kind: str  # short_text, long_text, single, multiple, yes_no
    label_it: str
    label_en: str
    options: list[dict[str, str]]


def headings(questions: Sequence[QuestionColumn], lang: str) -> list[str]:
    say = CATALOGS.translator(lang)
    own = [say(f"export_{column}") for column in COLUMNS]
    return own + [q.label_it if lang == "it" else q.label_en for q in questions]


# Coded columns said in the export's language, with the words of the organizer's page
# (org_status_<code>, org_mode_<code>, org_need_<code>).
SAID = ("status", "mode", "accessibility")


def yes_no(value: str, lang: str) -> str:
    """'sì' or 'no' as a cell says it; other values as they are."""
    return CATALOGS.text(lang, f"export_{value}") if value in ("yes", "no") else value


def said(column: str, code: str, lang: str) -> str:
    """A status, mode or need in words ("Confermata", "In presenza"); an unknown code as it is."""
    key = f"org_{'need' if column == 'accessibility' else column}_{code}"
    return CATALOGS.text(lang, key) if CATALOGS.knows(key) else code


def language_name(code: str, lang: str) -> str:
    """A registrant's language named in the export's language ("inglese", "Italian")."""
    # Babel (with its locale data) only for an export, not in every process from the start.
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(lang) or code
    except (ValueError, UnknownLocaleError):
        return code


def _value(entry: Entry, name: str, timezone: str, lang: str) -> object:
    value = getattr(entry, name)
    if entry.erased_at is not None and name in PERSONAL:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return yes_no("yes" if value else "no", lang)
    if name == "accessibility":
        return ", ".join(said(name, need, lang) for need in value)
    if name in SAID:
        return said(name, value, lang)
    if name == "language":
        return language_name(value, lang)
    return value


def answer_text(question: QuestionColumn, value: str | None, lang: str) -> str:
    """An answer as people read it: option labels, not their codes."""
    if value is None:
        return ""
    if question.kind == "yes_no":
        return yes_no(value, lang)
    labels = {o["value"]: o.get(lang, o["value"]) for o in question.options}
    if question.kind == "multiple":
        return ", ".join(labels.get(v, v) for v in json.loads(value))
    return labels.get(value, value) if question.kind == "single" else value


def _cell(value: object) -> str:
    # Control characters go first (openpyxl refuses them), so none can hide a formula start.
    return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value)))


def table(
    entries: Sequence[Entry],
    questions: Sequence[QuestionColumn],
    *,
    timezone: str,
    lang: str = "it",
) -> Table:
    """Headings, then one row per registration; every cell already made safe."""
    rows = [[_cell(text) for text in headings(questions, lang)]]
    for entry in entries:
        own = [_value(entry, name, timezone, lang) for name in COLUMNS]
        extra = [answer_text(q, entry.answers.get(q.id), lang) for q in questions]
        rows.append([_cell(cell) for cell in own + extra])
    return rows


def safe_rows(rows: Sequence[Sequence[object]]) -> Table:
    """Any rows of values as a table whose every cell is made safe."""
    return [[_cell(value) for value in row] for row in rows]


def to_csv(rows: Table) -> bytes:
    """UTF-8 with a byte order mark, so Excel reads accented names right."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Table, *, sheet: str = "Iscrizioni") -> bytes:
    """An Excel workbook; every cell is a string, so none is ever read as a formula."""
    # Imported on the first Excel export: openpyxl is ~10 MiB that no other request needs.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

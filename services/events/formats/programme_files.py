"""A programme spreadsheet as a file: CSV or Excel in, rows of cells out (each with its row
number as the spreadsheet shows it), and the template out as an Excel workbook.

A file is whatever someone uploaded: it is told apart by its first bytes, not its name, and
an Excel file is opened only once its zip says how big it unpacks (a small upload can hold
a huge sheet). openpyxl is imported on the first Excel file: no other request needs it.
"""

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date, time

from services.events.domain.programme_cells import KIND_WORDS, LANGUAGES, ROLE_WORDS, Cell
from services.events.domain.programme_sheet import COLUMNS, HEADINGS_WITHIN, MOST_ROWS, Row
from services.events.domain.programme_template import Written, heading, sheet_rows
from services.events.texts import CATALOGS
from shared.catalogs import N_
from shared.contracts import ProgrammeItemV1

ZIP_START = b"PK\x03\x04"
OLD_EXCEL_START = b"\xd0\xcf\x11\xe0"  # .xls, and other Office files of before 2007
MOST_UNPACKED = 20 * 1024 * 1024
MOST_COLUMNS = 40
# The rows read: enough for the headings, the most rows taken and blank ones between them;
# a sheet with more is refused for its rows, not read to its end.
ROWS_READ = HEADINGS_WITHIN + 2 * MOST_ROWS
SEPARATORS = (";", ",", "\t")

NOT_A_SHEET = N_("import_file_unreadable")
OLD_EXCEL = N_("import_file_old_excel")
TOO_BIG = N_("import_file_too_big")
EMPTY_FILE = N_("import_file_empty")


class FileRefused(ValueError):
    """A file that is no spreadsheet this import reads; `key` names the text saying why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_rows(content: bytes) -> list[Row]:
    """The rows of the first sheet of an Excel file, or of a CSV file."""
    if not content.strip():
        raise FileRefused(EMPTY_FILE)
    if content.startswith(OLD_EXCEL_START):
        raise FileRefused(OLD_EXCEL)
    if content.startswith(ZIP_START):
        return _excel_rows(content)
    return _csv_rows(content)


def _csv_rows(content: bytes) -> list[Row]:
    """UTF-8 (with or without its byte order mark), else Windows-1252, as Excel in Italy
    saves "CSV (delimitato dal separatore di elenco)"; cells apart by ';', ',' or a tab,
    whichever the first line has most of."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(SEPARATORS, key=first.count)
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        rows: list[Row] = []
        for number, record in enumerate(records, start=1):
            if number > ROWS_READ:
                break
            rows.append((number, record[:MOST_COLUMNS]))
    except csv.Error as unreadable:  # a NUL byte, a field over csv's limit
        raise FileRefused(NOT_A_SHEET) from unreadable
    return rows


def _excel_rows(content: bytes) -> list[Row]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as packed:
            unpacked = sum(entry.file_size for entry in packed.infolist())
    except (zipfile.BadZipFile, ValueError) as unreadable:
        raise FileRefused(NOT_A_SHEET) from unreadable
    if unpacked > MOST_UNPACKED:
        raise FileRefused(TOO_BIG)
    from openpyxl import load_workbook  # ~10 MiB that only this needs

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows: list[Row] = [
            (number, [_cell(value) for value in values])
            for number, values in enumerate(
                sheet.iter_rows(max_row=ROWS_READ, max_col=MOST_COLUMNS, values_only=True),
                start=1,
            )
        ]
        workbook.close()
    except Exception as unreadable:  # openpyxl raises what its parts raise on a bad file
        raise FileRefused(NOT_A_SHEET) from unreadable
    return rows


def _cell(value: object) -> Cell:
    """What Excel holds, as the reader takes it: numbers, dates, times and text."""
    if value is None or isinstance(value, str | int | float | bool | date | time):
        return value
    return str(value)


# The guide sheet: what each column holds ("sheet_help_" + a column's name), the words of
# the kind and people columns.
GUIDE = (
    N_("sheet_help_day"),
    N_("sheet_help_start"),
    N_("sheet_help_end"),
    N_("sheet_help_kind"),
    N_("sheet_help_title"),
    N_("sheet_help_section"),
    N_("sheet_help_room"),
    N_("sheet_help_track"),
    N_("sheet_help_seats"),
    N_("sheet_help_speakers"),
    N_("sheet_help_description"),
)


def template_file(programme: Sequence[ProgrammeItemV1], timezone: str, language: str) -> bytes:
    """The import's template in `language`, filled with `programme`."""
    _ = CATALOGS.translator(language)
    words = LANGUAGES.index(language) if language in LANGUAGES else 0
    guide = [[_("sheet_guide_column"), _("sheet_guide_meaning")]]
    for column in COLUMNS:
        key = f"sheet_help_{column.name}"
        guide.append([heading(column, language), _(key) if CATALOGS.knows(key) else ""])
    kinds = ", ".join(w[words] for w in KIND_WORDS.values())
    roles = ", ".join(w[words] for w in ROLE_WORDS.values())
    guide += [[_("sheet_guide_kinds"), kinds], [_("sheet_guide_roles"), roles]]
    return programme_workbook(
        sheet_rows(programme, timezone, language),
        sheet=_("sheet_programme"),
        guide_sheet=_("sheet_guide"),
        guide=guide,
    )


def programme_workbook(
    rows: Sequence[Sequence[Written]],
    *,
    sheet: str,
    guide_sheet: str,
    guide: Sequence[Sequence[str]],
) -> bytes:
    """The template: the programme's rows (days as dates, times as times, every text a
    string, never a formula) and a second sheet that says what each column holds."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    programme = workbook.active
    assert programme is not None
    programme.title = sheet
    for values in rows:
        programme.append(list(values))
    for line in programme.iter_rows(min_row=2):
        for cell in line:
            _shape(cell)
    for cell in programme[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJ", (12, 8, 8, 18, 50, 30, 20, 50, 50), strict=False):
        programme.column_dimensions[letter].width = width
    programme.freeze_panes = "A2"
    told = workbook.create_sheet(guide_sheet)
    for values in guide:
        told.append(list(values))
    for cell in told[1]:
        cell.font = Font(bold=True)
    for line in told.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    told.column_dimensions["A"].width, told.column_dimensions["B"].width = 18, 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _shape(cell: object) -> None:
    """Dates and times shown as people write them; text kept text (a title starting with
    '=' is no formula) and wrapped."""
    from openpyxl.cell.cell import Cell as Sheet
    from openpyxl.styles import Alignment

    assert isinstance(cell, Sheet)
    if isinstance(cell.value, date):
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(cell.value, time):
        cell.number_format = "HH:MM"
    elif isinstance(cell.value, str):
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")

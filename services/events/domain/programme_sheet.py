"""A programme as organizers write it in a spreadsheet: a row of headings (Italian or
English), then one row per item; a section's items name it in the "sezione" column. Read into
the programme the API and the console save (ProgrammeItemIn), or into every problem with the
number of its row, so that nothing is saved from a sheet with a wrong row in it.

The columns are one table (`COLUMNS`), read and written (the template, programme_template.py)
from it. A column whose name is a field of ProgrammeItemIn fills that field as it is read: a
new field (a track's name, a session's seats) is one line here, such as
`Column("track", "traccia", cells.line)` or `Column("seats", "posti", cells.count)`.
docs/programme-import.md says the format to people.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from services.events.domain import programme_cells as cells
from services.events.domain.inputs import ProgrammeItemIn
from services.events.domain.programme_rows import (
    MOST_IN_SECTION,
    MOST_ITEMS,
    MOST_ROWS,
    Column,
    Frame,
    Row,
    SheetProblem,
    assembled,
    entries,
)
from shared.catalogs import N_

__all__ = [
    "COLUMNS",
    "MOST_IN_SECTION",
    "MOST_ITEMS",
    "MOST_ROWS",
    "Column",
    "Frame",
    "Row",
    "SheetProblem",
    "SheetReading",
    "read_programme",
]

MOST_PROBLEMS = 50  # listed; the rest are counted
HEADINGS_WITHIN = 10  # rows a title or a note may take above the headings


COLUMNS = (
    Column("day", "giorno", cells.day, ("data", "date")),
    Column("start", "inizio", cells.clock, ("ora inizio", "dalle", "start time", "from")),
    Column("end", "fine", cells.clock, ("ora fine", "alle", "end time", "to")),
    Column("kind", "tipo", cells.kind, ("type",)),
    Column("title", "titolo", cells.line),
    Column("section", "sezione", cells.line, ("sessione", "session")),
    Column("room", "sala", cells.line, ("aula", "luogo")),
    Column("track", "percorso", cells.line, ("traccia", "tavolo")),
    Column("seats", "posti", cells.count, ("capienza", "iscrizioni")),
    Column("speakers", "relatori", cells.people, ("relatore", "interventi", "people")),
    Column("description", "descrizione", cells.text, ("note", "notes")),
)

NO_HEADINGS = N_("import_error_no_headings")
NO_TITLE_COLUMN = N_("import_error_no_title_column")
TWICE = N_("import_error_heading_twice")
MORE = N_("import_error_more")
EMPTY = N_("import_error_empty")


@dataclass
class SheetReading:
    """The programme read, or the problems; `ignored` are headings no column has."""

    programme: list[ProgrammeItemIn] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def read_programme(rows: Sequence[Row], frame: Frame) -> SheetReading:
    """The rows as a programme; any problem leaves the programme empty."""
    reading = SheetReading()
    found = _find_headings(rows, reading)
    if found is None:
        return _limited(reading)
    at, columns = found
    found_entries = list(entries(rows[at + 1 :], columns, frame, reading.problems))
    if not reading.problems:
        reading.programme = assembled(found_entries, reading.problems)
    if reading.problems:
        reading.programme = []
    return _limited(reading)


def _limited(reading: SheetReading) -> SheetReading:
    if len(reading.problems) > MOST_PROBLEMS:
        left = len(reading.problems) - MOST_PROBLEMS
        reading.problems[MOST_PROBLEMS:] = [SheetProblem(None, None, MORE, {"count": str(left)})]
    return reading


def heading_key(written: str) -> str:
    return cells.folded(written).rstrip(":* ")


_BY_HEADING = {
    heading_key(heading): column
    for column in COLUMNS
    for heading in (column.name, column.italian, *column.also)
}


def _find_headings(
    rows: Sequence[Row], reading: SheetReading
) -> tuple[int, dict[int, tuple[Column, str]]] | None:
    """The index of the row of headings and, by cell position, each known column with its
    heading as written; None (and the problem) when no row has a title column."""
    for at, (number, row) in enumerate(rows[:HEADINGS_WITHIN]):
        written = [(i, cells.line(cell)) for i, cell in enumerate(row)]
        known = {
            i: (_BY_HEADING[heading_key(w)], w)
            for i, w in written
            if w and heading_key(w) in _BY_HEADING
        }
        if len(known) < 2:
            continue
        if "title" not in {column.name for column, _ in known.values()}:
            reading.problems.append(SheetProblem(number, None, NO_TITLE_COLUMN))
            return None
        seen: dict[str, str] = {}
        for column, heading in known.values():
            if column.name in seen:
                reading.problems.append(SheetProblem(number, heading, TWICE))
            seen[column.name] = heading
        reading.ignored = [w for i, w in written if w and i not in known]
        return at, known
    reading.problems.append(SheetProblem(None, None, NO_HEADINGS if rows else EMPTY))
    return None

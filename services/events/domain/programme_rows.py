"""Rows of a programme spreadsheet read into programme items: each row's cells by its
columns (programme_sheet.py says which), its day and times put together on the event's
clock, then sections gathered with their items. A row that cannot be read is noted with its
number and the heading of the cell at fault, never half taken."""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import NamedTuple

from pydantic import ValidationError

from services.events.domain import programme_cells as cells
from services.events.domain.inputs import ProgrammeItemIn
from services.events.texts import CATALOGS
from shared.catalogs import N_

Row = tuple[int, Sequence[cells.Cell]]  # its number as the spreadsheet shows it, its cells
MOST_ITEMS = 200  # at the top level, as EventIn takes them
MOST_IN_SECTION = 100
MOST_ROWS = 1000


class Column(NamedTuple):
    """A column: its English name (the field it fills, unless ASSEMBLED), its Italian
    heading, how a cell is read, and other headings people give it."""

    name: str
    italian: str
    read: Callable[[cells.Cell], object]
    also: tuple[str, ...] = ()


# Put together rather than copied into a field: times from day, start and end; sections.
ASSEMBLED = frozenset({"day", "start", "end", "section"})
# The item's fields, as pydantic names them in its errors, and the column each comes from.
FIELD_COLUMNS = {"starts_at": "start", "ends_at": "end"}

NO_TITLE = N_("import_error_title")
END_BEFORE_START = N_("import_error_end_before_start")
OTHER_DAY = N_("import_error_other_day")
NESTED_SECTION = N_("import_error_nested_section")
SECTION_TWICE = N_("import_error_section_twice")
TOO_LONG = N_("import_error_too_long")
INVALID = N_("import_error_invalid")
TOO_MANY_ITEMS = N_("import_error_too_many_items")
TOO_MANY_IN_SECTION = N_("import_error_too_many_in_section")
TOO_MANY_ROWS = N_("import_error_too_many_rows")
AT_CELL = N_("import_at_cell")
AT_ROW = N_("import_at_row")


@dataclass(frozen=True)
class SheetProblem:
    """What is wrong, where: a row (None: the sheet as a whole) and the column as the
    sheet heads it; `key` names the text, `values` fill it in."""

    row: int | None
    column: str | None
    key: str
    values: Mapping[str, str] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.key.removeprefix("import_error_").removeprefix("import_")

    def problem(self, language: str) -> str:
        """What is wrong, without where."""
        return CATALOGS.text(language, self.key, **self.values)

    def said(self, language: str) -> str:
        """'Riga 7, colonna «inizio»: ...' in `language`."""
        what = self.problem(language)
        if self.row is None:
            return what
        key = AT_CELL if self.column else AT_ROW
        return CATALOGS.text(language, key, row=self.row, column=self.column, problem=what)


@dataclass(frozen=True)
class Frame:
    """The event the sheet is read for: its first and last day on its own clock."""

    first_day: date
    last_day: date


class Entry(NamedTuple):
    row: int
    item: ProgrammeItemIn
    section: str | None  # the title of the section it is in


def entries(
    rows: Sequence[Row],
    columns: Mapping[int, tuple[Column, str]],
    frame: Frame,
    problems: list[SheetProblem],
) -> Iterator[Entry]:
    """Each row that says something, as an item; a row's problems, noted, leave it out. A
    row with a day and nothing else gives the day of the rows under it."""
    day_before = frame.first_day
    filled = [(number, row) for number, row in rows if any(cells.text(c) for c in row)]
    if len(filled) > MOST_ROWS:
        problems.append(SheetProblem(None, None, TOO_MANY_ROWS, {"most": str(MOST_ROWS)}))
        return
    for number, row in filled:
        values, headings = _read_cells(number, row, columns, problems)
        written_day = values.get("day")
        if isinstance(written_day, date):
            day_before = written_day
            if _only_day(row, columns):
                problems += _day_problems(number, written_day, headings, frame)
                continue
        entry = _entry(number, values, headings, day_before, frame, problems)
        if entry is not None:
            yield entry


def _only_day(row: Sequence[cells.Cell], columns: Mapping[int, tuple[Column, str]]) -> bool:
    """Whether every cell but the day's is blank (a row that says which day follows)."""
    return not any(
        cells.text(row[index])
        for index, (column, _) in columns.items()
        if column.name != "day" and index < len(row)
    )


def _read_cells(
    number: int,
    row: Sequence[cells.Cell],
    columns: Mapping[int, tuple[Column, str]],
    problems: list[SheetProblem],
) -> tuple[dict[str, object], dict[str, str]]:
    """The row's values by column name (blank ones left out), and each column's heading."""
    values: dict[str, object] = {}
    headings = {column.name: heading for column, heading in columns.values()}
    for index, (column, heading) in columns.items():
        cell = row[index] if index < len(row) else None
        try:
            value = column.read(cell)
        except cells.Unreadable as unreadable:
            problems.append(SheetProblem(number, heading, unreadable.key, unreadable.values))
            continue
        if value is not None:
            values[column.name] = value
    return values, headings


def _entry(
    number: int,
    values: Mapping[str, object],
    headings: Mapping[str, str],
    day: date,
    frame: Frame,
    problems: list[SheetProblem],
) -> Entry | None:
    found = list(_time_problems(number, values, headings, day, frame))
    if "title" not in values:
        found.append(SheetProblem(number, headings.get("title"), NO_TITLE))
    section = values.get("section")
    if isinstance(section, str):
        try:
            ProgrammeItemIn(kind="section", title=section)
        except ValidationError as invalid:
            found += _invalid(number, invalid, {"title": headings["section"]})
    if found:
        problems += found
        return None
    fields = {name: value for name, value in values.items() if name not in ASSEMBLED}
    start, end = values.get("start"), values.get("end")
    fields["starts_at"] = _at(day, start)
    fields["ends_at"] = _at(day, end)
    try:
        item = ProgrammeItemIn.model_validate(fields)
    except ValidationError as invalid:
        problems += _invalid(number, invalid, headings)
        return None
    return Entry(number, item, section if isinstance(section, str) else None)


def _at(day: date, moment: object) -> datetime | None:
    return datetime.combine(day, moment) if isinstance(moment, time) else None


def _time_problems(
    number: int, values: Mapping[str, object], headings: Mapping[str, str], day: date, frame: Frame
) -> Iterator[SheetProblem]:
    start, end = values.get("start"), values.get("end")
    if isinstance(start, time) and isinstance(end, time) and end <= start:
        yield SheetProblem(number, headings.get("end"), END_BEFORE_START)
    # Said where the day is written: the rows under it, on the same day, say nothing more.
    if "day" in values:
        yield from _day_problems(number, day, headings, frame)


def _day_problems(
    number: int, day: date, headings: Mapping[str, str], frame: Frame
) -> Iterator[SheetProblem]:
    if not frame.first_day <= day <= frame.last_day:
        values = {"day": _dmy(day), "days": _days(frame)}
        yield SheetProblem(number, headings.get("day"), OTHER_DAY, values)


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _days(frame: Frame) -> str:
    if frame.first_day == frame.last_day:
        return _dmy(frame.first_day)
    return f"{_dmy(frame.first_day)}-{_dmy(frame.last_day)}"


def _invalid(
    number: int, invalid: ValidationError, headings: Mapping[str, str]
) -> Iterator[SheetProblem]:
    """Pydantic's errors on the item, each on its column."""
    for error in invalid.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        heading = headings.get(FIELD_COLUMNS.get(name, name))
        most = (error.get("ctx") or {}).get("max_length")
        if most is not None:
            yield SheetProblem(number, heading, TOO_LONG, {"most": str(most)})
        else:
            yield SheetProblem(number, heading, INVALID)


def assembled(entries: Sequence[Entry], problems: list[SheetProblem]) -> list[ProgrammeItemIn]:
    """Top-level items in row order; each section at the first row that is it or one of its
    items (a section no row gives is made from its name), holding its items in row order."""
    defined: dict[str, Entry] = {}
    for entry in entries:
        if entry.item.kind != "section":
            continue
        if entry.section is not None:
            problems.append(SheetProblem(entry.row, None, NESTED_SECTION))
        elif (key := cells.folded(entry.item.title)) in defined:
            problems.append(SheetProblem(entry.row, None, SECTION_TWICE))
        else:
            defined[key] = entry
    top: list[ProgrammeItemIn] = []
    sections: dict[str, ProgrammeItemIn] = {}
    for entry in entries:
        key = cells.folded(entry.section or entry.item.title)
        if entry.section is None and entry.item.kind != "section":
            top.append(entry.item)
        elif key not in sections:  # a section's own row, or its first item's
            own = defined[key].item if key in defined else None
            sections[key] = own or ProgrammeItemIn(kind="section", title=entry.section or "")
            top.append(sections[key])
        if entry.section is not None:
            sections[key].items.append(entry.item)
    return _counted(top, problems)


def _counted(top: list[ProgrammeItemIn], problems: list[SheetProblem]) -> list[ProgrammeItemIn]:
    if len(top) > MOST_ITEMS:
        problems.append(SheetProblem(None, None, TOO_MANY_ITEMS, {"most": str(MOST_ITEMS)}))
    for section in top:
        if len(section.items) > MOST_IN_SECTION:
            values = {"title": section.title, "most": str(MOST_IN_SECTION)}
            problems.append(SheetProblem(None, None, TOO_MANY_IN_SECTION, values))
    return top

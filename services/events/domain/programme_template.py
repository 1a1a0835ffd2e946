"""The programme written as the sheet programme_sheet.py reads: the template organizers
download, filled with the programme as it stands (empty for a new event), so that editing it
and importing it again changes only what they changed."""

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from services.events.domain import programme_cells as cells
from services.events.domain.programme_sheet import COLUMNS, Column
from shared.contracts import ProgrammeItemV1

Written = str | int | date | time | None


def heading(column: Column, language: str) -> str:
    """The column's heading in the template's language: 'inizio', 'start'."""
    return column.italian if language == "it" else column.name


def sheet_rows(
    programme: Sequence[ProgrammeItemV1], timezone: str, language: str
) -> list[list[Written]]:
    """The row of headings, then one row per item (a section, then its items), days and
    times on the event's clock."""
    zone = ZoneInfo(timezone)
    rows: list[list[Written]] = [[heading(column, language) for column in COLUMNS]]
    for item, section in _walk(programme):
        rows.append([_cell(column, item, section, zone, language) for column in COLUMNS])
    return rows


def _walk(
    items: Sequence[ProgrammeItemV1], section: ProgrammeItemV1 | None = None
) -> Iterator[tuple[ProgrammeItemV1, ProgrammeItemV1 | None]]:
    for item in items:
        yield item, section
        yield from _walk(item.items, item)


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    return moment.astimezone(zone) if moment else None


def _day(item: ProgrammeItemV1, zone: ZoneInfo) -> date | None:
    start = _local(item.starts_at, zone)
    return start.date() if start else None


def _clock(moment: datetime | None, zone: ZoneInfo) -> time | None:
    local = _local(moment, zone)
    return local.time().replace(tzinfo=None) if local else None


def _people(item: ProgrammeItemV1, language: str) -> str | None:
    written = [
        cells.person_written(language, p.name, p.role, p.honorific, p.position, p.organization)
        for p in item.speakers
    ]
    return "\n".join(written) or None


Writer = Callable[[ProgrammeItemV1, ProgrammeItemV1 | None, ZoneInfo, str], Written]
# How the columns programme_sheet.py puts together are written; any other column is the
# item's field of its name, as it is.
WRITERS: dict[str, Writer] = {
    "day": lambda item, section, zone, language: _day(item, zone),
    "start": lambda item, section, zone, language: _clock(item.starts_at, zone),
    "end": lambda item, section, zone, language: _clock(item.ends_at, zone),
    "kind": lambda item, section, zone, language: cells.word(cells.KIND_WORDS, item.kind, language),
    "section": lambda item, section, zone, language: section.title if section else None,
    "speakers": lambda item, section, zone, language: _people(item, language),
}


def _cell(
    column: Column,
    item: ProgrammeItemV1,
    section: ProgrammeItemV1 | None,
    zone: ZoneInfo,
    language: str,
) -> Written:
    writer = WRITERS.get(column.name)
    if writer is not None:
        return writer(item, section, zone, language)
    value = getattr(item, column.name, None)
    return value if isinstance(value, str | int) else None

"""A day of parallel sessions as a timetable grid: rooms as columns, time as rows, each item a
cell spanning the rows of its time (and every column when it is for everyone: no room). Only
for a day where items in different rooms run at once; a day that cannot be drawn as a grid
(an item with no time, two items at once in one room) keeps the list, which always reads."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.contracts import ProgrammeItemV1

LAST_ITEM = timedelta(minutes=30)  # how long the day's last item lasts when it says no end


@dataclass(frozen=True)
class Cell:
    """An item in the grid: from its column, across `columns` rooms and `rows` time rows."""

    item: ProgrammeItemV1
    column: int
    columns: int
    rows: int
    ends_at: datetime  # as given, or until the next item begins


@dataclass(frozen=True)
class Row:
    """One row of the grid: when it begins, the cells that begin in it, and the columns
    left empty in it (nothing running there then)."""

    starts_at: datetime
    cells: tuple[Cell, ...]
    empty: tuple[int, ...]

    def in_order(self) -> list[Cell | int]:
        """Cells and empty columns, left to right, as the table's <td>s come."""
        found: list[tuple[int, Cell | int]] = [(cell.column, cell) for cell in self.cells]
        found += [(column, column) for column in self.empty]
        return [what for _, what in sorted(found, key=lambda pair: pair[0])]


@dataclass(frozen=True)
class Grid:
    rooms: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class _Timed:
    item: ProgrammeItemV1
    starts_at: datetime
    ends_at: datetime


def timetable(items: Sequence[ProgrammeItemV1]) -> Grid | None:
    """The day's items (sections opened) as a grid, or None when the list serves better."""
    leaves = list(_leaves(items))
    if not leaves or any(item.starts_at is None for item in leaves):
        return None
    timed = _with_ends(leaves)
    rooms = tuple(dict.fromkeys(t.item.room for t in timed if t.item.room))
    if not _parallel(timed):
        return None
    times = sorted({t.starts_at for t in timed} | {t.ends_at for t in timed})
    taken: set[tuple[int, int]] = set()
    cells: dict[int, list[Cell]] = {}
    for t in timed:
        first, last = times.index(t.starts_at), times.index(t.ends_at)
        column = rooms.index(t.item.room) if t.item.room else 0
        columns = 1 if t.item.room else len(rooms)
        places = {
            (row, col) for row in range(first, last) for col in range(column, column + columns)
        }
        if places & taken:  # two items at once in one place: no grid says that honestly
            return None
        taken |= places
        cells.setdefault(first, []).append(Cell(t.item, column, columns, last - first, t.ends_at))
    rows = tuple(
        Row(
            starts_at=moment,
            cells=tuple(cells.get(index, ())),
            empty=tuple(c for c in range(len(rooms)) if (index, c) not in taken),
        )
        for index, moment in enumerate(times[:-1])
    )
    return Grid(rooms, rows)


def _leaves(items: Sequence[ProgrammeItemV1]) -> Iterator[ProgrammeItemV1]:
    for item in items:
        if item.items:
            yield from _leaves(item.items)
        else:
            yield item


def _with_ends(leaves: list[ProgrammeItemV1]) -> list[_Timed]:
    """Each item with its end: as given, else when the next item after its start begins."""
    starts = sorted({item.starts_at for item in leaves if item.starts_at})
    timed = []
    for item in leaves:
        assert item.starts_at is not None
        later = [moment for moment in starts if moment > item.starts_at]
        ends_at = item.ends_at or (later[0] if later else item.starts_at + LAST_ITEM)
        timed.append(_Timed(item, item.starts_at, ends_at))
    return timed


def _parallel(timed: list[_Timed]) -> bool:
    """Whether two items in different rooms run at the same time."""
    return any(
        one.item.room
        and other.item.room
        and one.item.room != other.item.room
        and one.starts_at < other.ends_at
        and other.starts_at < one.ends_at
        for n, one in enumerate(timed)
        for other in timed[n + 1 :]
    )

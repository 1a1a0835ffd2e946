"""The timetable grid of a day of parallel sessions (services/events/domain/timetable.py):
rooms as columns in the order they first appear, a row wherever something begins or ends,
a session spanning its rows, an item for everyone spanning every room; and the list kept
where a grid would say less than the truth."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from services.events.domain.timetable import Cell, timetable
from shared.contracts import ProgrammeItemV1
from shared.programme import by_day
from tests.support.workshops import ROOMS, assembly

ROME = ZoneInfo("Europe/Rome")


def item(given: dict[str, Any]) -> ProgrammeItemV1:
    values = {k: v for k, v in given.items() if k not in ("speakers", "items")}
    for key in ("starts_at", "ends_at"):
        if key in values:
            values[key] = datetime.fromisoformat(values[key]).replace(tzinfo=ROME)
    return ProgrammeItemV1(**values, items=tuple(item(child) for child in given.get("items", ())))


def days() -> list:
    programme = tuple(item(entry) for entry in assembly(date(2026, 9, 17))["programme"])
    return by_day(programme, "Europe/Rome")


def clock(moment: datetime) -> str:
    return moment.astimezone(ROME).strftime("%H:%M")


def test_the_day_of_workshops_is_a_grid_of_rooms_and_times():
    first, _ = days()

    grid = timetable(first.items)

    assert grid is not None
    assert grid.rooms == ROOMS
    assert [clock(row.starts_at) for row in grid.rows] == [
        "09:30",
        "11:00",
        "11:15",
        "13:00",
        "14:00",
    ]
    opening, pause, workshops, lunch, afternoon = grid.rows
    assert [(c.columns, c.rows) for c in opening.cells] == [(3, 1)]  # for everyone
    assert pause.cells == () and pause.empty == (0, 1, 2)  # nothing between 11:00 and 11:15
    assert [(c.item.room, c.column, c.columns, c.rows) for c in workshops.cells] == [
        (room, n, 1, 1) for n, room in enumerate(ROOMS)
    ]
    assert lunch.cells[0].item.title == "Pranzo" and lunch.cells[0].columns == 3
    assert [c.item.track for c in afternoon.cells] == [
        "Welfare di comunità",
        "Servizi associati",
        "Transizione digitale",
    ]
    assert [type(what) for what in workshops.in_order()] == [Cell, Cell, Cell]


def test_a_day_without_parallel_sessions_keeps_the_list():
    _, second = days()

    assert timetable(second.items) is None


def test_two_items_at_once_in_one_room_keep_the_list():
    first, _ = days()
    clash = [
        entry.model_copy(update={"room": ROOMS[0]}) if entry.room == ROOMS[1] else entry
        for entry in first.items
    ]

    assert timetable(clash) is None


def test_an_item_with_no_time_keeps_the_list():
    first, _ = days()
    untimed = [*first.items, ProgrammeItemV1(kind="other", title="Visita guidata")]

    assert timetable(untimed) is None


def test_an_item_with_no_end_lasts_until_the_next_begins():
    first, _ = days()
    open_ended = [
        entry.model_copy(update={"ends_at": None}) if entry.kind == "opening" else entry
        for entry in first.items
    ]

    grid = timetable(open_ended)

    assert grid is not None
    (opening,) = grid.rows[0].cells
    assert clock(opening.ends_at) == "11:15" and opening.rows == 1

"""A programme as people read it: by day when it spans several, then by time. The one place
that decides where a day begins, for the public page, the emails and calendar descriptions."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from shared.contracts import ProgrammeItemV1


@dataclass(frozen=True)
class Day:
    """The programme items of one day; `day` is None for a programme of a single day, which
    needs no heading."""

    day: date | None
    items: tuple[ProgrammeItemV1, ...]


def by_day(items: tuple[ProgrammeItemV1, ...], timezone: str) -> list[Day]:
    """Top-level items grouped by their local day, in order (a section's is its first timed
    item's); an item without a time stays with the day before it. One group without a day
    when everything is on one day."""
    zone = ZoneInfo(timezone)
    groups: list[tuple[date | None, list[ProgrammeItemV1]]] = []
    for item in items:
        starts = _starts(item)
        day = starts.astimezone(zone).date() if starts else None
        if not groups or (day is not None and day != groups[-1][0] and groups[-1][0] is not None):
            groups.append((day, [item]))
        else:
            if groups[-1][0] is None and day is not None:
                groups[-1] = (day, groups[-1][1])
            groups[-1][1].append(item)
    if len({day for day, _ in groups}) <= 1:
        return [Day(None, items)] if items else []
    return [Day(day, tuple(grouped)) for day, grouped in groups]


def _starts(item: ProgrammeItemV1) -> datetime | None:
    """When an item begins: its own time, or a section's first timed item's."""
    if item.starts_at is not None or not item.items:
        return item.starts_at
    return next((found for child in item.items if (found := _starts(child))), None)


def outline(
    items: tuple[ProgrammeItemV1, ...],
    timezone: str,
    *,
    day_label: Callable[[date], str] = date.isoformat,
) -> list[str]:
    """One line per item: time, title, speakers; sections indented; a line naming the day
    before each day's items when the programme spans several days."""
    lines: list[str] = []
    for group in by_day(items, timezone):
        if group.day is not None:
            lines.append(day_label(group.day))
        lines.extend(item_lines(group.items, timezone))
    return lines


def item_lines(items: tuple[ProgrammeItemV1, ...], timezone: str, depth: int = 0) -> list[str]:
    """One line per item (time, title, speakers), sections' items indented below them."""
    lines = []
    for item in items:
        start = item.starts_at
        when = start.astimezone(ZoneInfo(timezone)).strftime("%H:%M ") if start else ""
        people = ", ".join(s.name for s in item.speakers)
        lines.append(f"{'  ' * depth}{when}{item.title}{' - ' + people if people else ''}")
        lines.extend(item_lines(item.items, timezone, depth + 1))
    return lines


def documents(items: tuple[ProgrammeItemV1, ...]) -> list[tuple[str, str, str]]:
    """Every item's materials and recording in programme order, as (kind, title, url): kind
    "material" (titled as uploaded) or "recording" (titled by its item)."""
    found: list[tuple[str, str, str]] = []
    for item in items:
        found += [("material", material.title, material.url) for material in item.materials]
        if item.recording_url:
            found.append(("recording", item.title, item.recording_url))
        found += documents(item.items)
    return found

"""Checks an event must pass before it is stored, each failure said in words."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from services.events.domain.times import maybe_utc, to_utc, zone
from services.events.schemas import EventCreate, ProgrammeItemIn
from shared.errors import Invalid


def check_event(event: EventCreate) -> None:
    """Raise Invalid listing every problem, so the organizer can fix them all at once."""
    zone(event.timezone)
    problems = list(_event_problems(event)) + list(_programme_problems(event))
    if problems:
        raise Invalid("The event has problems to fix", details=problems)


def _event_problems(event: EventCreate) -> Iterator[str]:
    tz = event.timezone
    starts, ends = to_utc(event.starts_at, tz), to_utc(event.ends_at, tz)
    if ends <= starts:
        yield "ends_at must be after starts_at"
    doors = maybe_utc(event.doors_open_at, tz)
    if doors and doors > starts:
        yield "doors_open_at must not be after starts_at"
    opens = maybe_utc(event.registration_opens_at, tz)
    closes = maybe_utc(event.registration_closes_at, tz)
    if opens and closes and closes <= opens:
        yield "registration_closes_at must be after registration_opens_at"
    if closes and closes > ends:
        yield "registration_closes_at must not be after the event ends"


def _programme_problems(event: EventCreate) -> Iterator[str]:
    first_day, last_day = _event_days(event)
    for path, item in _walk(event.programme):
        starts = maybe_utc(item.starts_at, event.timezone)
        ends = maybe_utc(item.ends_at, event.timezone)
        if starts and ends and ends <= starts:
            yield f"programme item '{item.title}' ({path}): end must be after start"
        for moment in (starts, ends):
            if moment and not first_day <= moment <= last_day:
                yield f"programme item '{item.title}' ({path}): time outside the event's day(s)"
                break


def _event_days(event: EventCreate) -> tuple[datetime, datetime]:
    """From midnight of the first day to midnight after the last, in the event's timezone."""
    tz = zone(event.timezone)
    first = to_utc(event.starts_at, event.timezone).astimezone(tz).date()
    last = to_utc(event.ends_at, event.timezone).astimezone(tz).date()
    start = datetime.combine(first, time(), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=tz)
    return start, end


def _walk(
    items: list[ProgrammeItemIn], prefix: str = "programme"
) -> Iterator[tuple[str, ProgrammeItemIn]]:
    for index, item in enumerate(items):
        path = f"{prefix}[{index}]"
        yield path, item
        yield from _walk(item.items, f"{path}.items")

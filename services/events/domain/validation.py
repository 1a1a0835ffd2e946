"""Checks an event must pass before it is stored, each failure said in words. What may be
right on purpose is only warned about: programme_checks.py."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from services.events.domain.inputs import EventIn, ProgrammeItemIn
from services.events.domain.times import maybe_utc, to_utc, zone
from shared.errors import Invalid

# The years an event can be in. A conference of 9999 is a typing slip, and near the ends of
# the calendar (year 1, year 9999) moving a time to UTC or to the next day overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2100
PROBLEMS = "The event has problems to fix"


def check_event(event: EventIn) -> None:
    """Raise Invalid listing every problem, so the organizer can fix them all at once."""
    zone(event.timezone)
    out_of_range = list(_years_out_of_range(event))
    if out_of_range:  # the other checks compute with these times: they could not
        raise Invalid(PROBLEMS, details=out_of_range)
    problems = [*_event_problems(event), *_programme_problems(event)]
    if problems:
        raise Invalid(PROBLEMS, details=problems)


def _years_out_of_range(event: EventIn) -> Iterator[str]:
    """'<field>: the year must be between ...' for each time outside FIRST_YEAR..LAST_YEAR."""
    moments = [
        (name, getattr(event, name))
        for name in (
            "starts_at",
            "ends_at",
            "doors_open_at",
            "registration_opens_at",
            "registration_closes_at",
        )
    ]
    for path, item in _walk(event.programme):
        moments += [(f"{path}.starts_at", item.starts_at), (f"{path}.ends_at", item.ends_at)]
    for name, moment in moments:
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            yield f"{name}: the year must be between {FIRST_YEAR} and {LAST_YEAR}"


def _event_problems(event: EventIn) -> Iterator[str]:
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
    if event.attendance_mode != "in_person" and not event.online_capacity:
        yield "online_capacity is needed when people can attend online"
    if event.attendance_mode == "in_person" and event.online_capacity:
        yield "online_capacity is only for online or hybrid events"
    if event.attendance_mode != "online" and event.capacity < 1:
        yield "capacity must be at least 1 for people attending in person"


def _programme_problems(event: EventIn) -> Iterator[str]:
    """What cannot be right: an item ending before it starts, or on a day the event is not
    on (a wrong date). What may be on purpose (two items in one room at once, an item
    before the start on the event's day) is a warning: programme_checks.py."""
    first_day, last_day = _event_days(event)
    tracks = {track.name.casefold() for track in event.tracks}
    if len(tracks) < len(event.tracks):
        yield "tracks: two tracks have the same name"
    for path, item in _walk(event.programme):
        if item.track and item.track.casefold() not in tracks:
            yield f"programme item '{item.title}' ({path}): no track is named '{item.track}'"
        if item.seats is not None and (item.starts_at is None or item.ends_at is None):
            yield f"programme item '{item.title}' ({path}): a session with seats needs its times"
        starts = maybe_utc(item.starts_at, event.timezone)
        ends = maybe_utc(item.ends_at, event.timezone)
        if starts and ends and ends <= starts:
            yield f"programme item '{item.title}' ({path}): end must be after start"
        for moment in (starts, ends):
            if moment and not first_day <= moment <= last_day:
                yield f"programme item '{item.title}' ({path}): time outside the event's day(s)"
                break


def _event_days(event: EventIn) -> tuple[datetime, datetime]:
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

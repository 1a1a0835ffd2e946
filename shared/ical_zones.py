"""VTIMEZONE components derived from zoneinfo, the same as icalendar's
`Timezone.from_tzinfo` writes them (shared.ical_text writes calendars without icalendar)."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=16)
def vtimezone(tzid: str, first: date, last: date) -> tuple[str, ...]:
    """The VTIMEZONE of `tzid` from `first` to `last`, as icalendar's Timezone.from_tzinfo
    writes it: a first STANDARD (or DAYLIGHT) at `first`, then one component per kind of
    change (offsets and name), the first change its DTSTART, the later ones RDATEs."""
    zone = ZoneInfo(tzid)
    changes: dict[tuple[timedelta, timedelta, str, bool], list[datetime]] = {}
    for local, before, after in _periods(zone, first, last):
        is_standard = local.replace(tzinfo=zone).dst() == timedelta()
        name = local.replace(tzinfo=zone).tzname() or _offset(after)
        changes.setdefault((before, after, name, is_standard), []).append(local)
    # Zone names and abbreviations hold no TEXT specials (\\ ; , newline): written as they are.
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    lines.append(f"COMMENT:This timezone only works from {first} to {last}.")
    for (before, after, name, is_standard), starts in changes.items():
        kind = "STANDARD" if is_standard else "DAYLIGHT"
        lines += [f"BEGIN:{kind}", f"DTSTART:{starts[0]:%Y%m%dT%H%M%S}"]
        if starts[1:]:
            lines.append("RDATE:" + ",".join(f"{s:%Y%m%dT%H%M%S}" for s in starts[1:]))
        lines += [f"TZNAME:{name}", f"TZOFFSETFROM:{_offset(before)}"]
        lines += [f"TZOFFSETTO:{_offset(after)}", f"END:{kind}"]
    lines.append("END:VTIMEZONE")
    return tuple(lines)


def _periods(
    zone: ZoneInfo, first: date, last: date
) -> Iterable[tuple[datetime, timedelta, timedelta]]:
    """(local wall time it starts, offset before, offset after) of the period at `first`
    and of each change of offset or name until `last`, found day by day then bisected."""
    start = datetime(first.year, first.month, first.day, tzinfo=zone)
    end = datetime(last.year, last.month, last.day, tzinfo=zone).astimezone(UTC)
    offset = _state(zone, start.astimezone(UTC))
    yield start.replace(tzinfo=None), offset[0], offset[0]
    moment = start.astimezone(UTC)
    while moment < end:
        following = min(moment + timedelta(days=1), end)
        if _state(zone, following) != offset:
            change = _bisect(zone, moment, following)
            after = _state(zone, change)
            yield _wall(change, zone, offset[0]), offset[0], after[0]
            offset, following = after, change
        moment = following


def _state(zone: ZoneInfo, moment: datetime) -> tuple[timedelta, str | None, timedelta | None]:
    local = moment.astimezone(zone)
    return local.utcoffset() or timedelta(), local.tzname(), local.dst()


def _bisect(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first whole second, between `before` and `after` (UTC), in the zone's next state."""
    state = _state(zone, before)
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if _state(zone, datetime.fromtimestamp(middle, UTC)) == state:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _wall(change: datetime, zone: ZoneInfo, before: timedelta) -> datetime:
    """The wall time a change is written with: like icalendar, the first reading of the
    clock (fold=0) that already has the new offset, the later of the readings just before
    (old offset) and just after (new offset) the change: 03:00 for both of Rome's."""
    after = change.astimezone(zone).replace(tzinfo=None)
    return max(after, (change + before).replace(tzinfo=None))


def _offset(delta: timedelta) -> str:
    sign = "-" if delta < timedelta() else "+"
    minutes = abs(int(delta.total_seconds())) // 60
    seconds = abs(int(delta.total_seconds())) % 60
    tail = f"{seconds:02d}" if seconds else ""
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}{tail}"

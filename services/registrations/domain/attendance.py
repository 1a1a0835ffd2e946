"""How long a person attended, from the door's scans: the rule a training credit rests on.

Scheduled time is what the programme teaches: its timed items (those inside a section too)
merged into periods, without the sign-in, the welcome coffee, the breaks and lunch. With no
timed item, the whole event from its start to its end.

Presence is read as the paper sheets it replaces are read, signed at entry and at exit: an
entry scan, then the exit scan that follows it on the same day (in the event's time zone),
make one stay. A second entry before an exit is the same stay (two devices, one person); an
exit with no entry before it, or an entry with no exit that day, counts nothing, and is shown
to the organizer, who can add the missing scan by hand. A stay counts only where it overlaps
scheduled time: arriving an hour early earns nothing, nor does the lunch.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from shared.contracts import EventSnapshotV1, ProgrammeItemV1

# Kinds that teach nothing: time on them is not scheduled time.
NOT_TAUGHT = frozenset({"registration", "welcome_coffee", "break", "lunch"})
# A section frames its items; its own span is not itself taught.
FRAMES = frozenset({"section"})

Period = tuple[datetime, datetime]


@dataclass(frozen=True)
class Scan:
    at: datetime  # aware
    leaving: bool


@dataclass(frozen=True)
class Attendance:
    scheduled: timedelta
    attended: timedelta
    unpaired: int  # scans that made no stay: a forgotten exit, an exit with no entry

    @property
    def share(self) -> float:
        """Attended over scheduled time (0 when nothing is scheduled)."""
        if self.scheduled <= timedelta(0):
            return 0.0
        return self.attended / self.scheduled

    def meets(self, minimum_share: float) -> bool:
        """At least `minimum_share` of the scheduled time (0.8 for 80%)."""
        return self.scheduled > timedelta(0) and self.share >= minimum_share


def scheduled_periods(event: EventSnapshotV1) -> list[Period]:
    """The programme's taught time, merged into periods in time order."""
    taught: list[Period] = []
    for item in _every_item(event.programme):
        start, end = item.starts_at, item.ends_at
        if item.kind in NOT_TAUGHT | FRAMES or start is None or end is None or start >= end:
            continue
        taught.append((start, end))
    return merged(taught) if taught else [(event.starts_at, event.ends_at)]


def _every_item(items: Iterable[ProgrammeItemV1]) -> Iterable[ProgrammeItemV1]:
    for item in items:
        yield item
        yield from _every_item(item.items)


def merged(periods: Iterable[Period]) -> list[Period]:
    """Overlapping or touching periods joined, in time order."""
    joined: list[Period] = []
    for start, end in sorted(periods):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def stays(scans: Sequence[Scan], timezone: str) -> tuple[list[Period], int]:
    """(stays, unpaired scans): each entry paired with the next exit on the same local day."""
    zone = ZoneInfo(timezone)
    found: list[Period] = []
    unpaired = 0
    entered: datetime | None = None
    for scan in sorted(scans, key=lambda s: s.at):
        if entered is not None and _day(scan.at, zone) != _day(entered, zone):
            unpaired += 1  # the day ended with no exit
            entered = None
        if not scan.leaving:
            if entered is None:
                entered = scan.at
            continue
        if entered is None:
            unpaired += 1
            continue
        found.append((entered, scan.at))
        entered = None
    return found, unpaired + (entered is not None)


def _day(at: datetime, zone: ZoneInfo) -> object:
    return at.astimezone(zone).date()


def day_began(now: datetime, timezone: str) -> datetime:
    """The start of `now`'s day in the event's time zone: an entry before it is another
    day's, and no longer keeps the person inside."""
    local = now.astimezone(ZoneInfo(timezone))
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(now.tzinfo)


def attendance(
    event: EventSnapshotV1, scans: Sequence[Scan], online_minutes: int = 0
) -> Attendance:
    """The person's attendance at `event`, from their scans and the minutes the video
    platform's report gave them online; never more than the scheduled time."""
    scheduled = scheduled_periods(event)
    present, unpaired = stays(scans, event.timezone)
    at_the_door = _total(_overlap(scheduled, merged(present)))
    total = _total(scheduled)
    return Attendance(
        scheduled=total,
        attended=min(total, at_the_door + timedelta(minutes=online_minutes)),
        unpaired=unpaired,
    )


def _overlap(first: Sequence[Period], second: Sequence[Period]) -> list[Period]:
    """Where two sorted, merged lists of periods overlap."""
    found: list[Period] = []
    for start, end in first:
        for other_start, other_end in second:
            lo, hi = max(start, other_start), min(end, other_end)
            if lo < hi:
                found.append((lo, hi))
    return found


def _total(periods: Iterable[Period]) -> timedelta:
    return sum((end - start for start, end in periods), timedelta(0))

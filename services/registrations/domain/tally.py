"""What the organizers' figures count, on plain rows: registrations by day (in the event's
timezone), by status, by mode, by the registrants' organization, their accessibility needs,
and attendance at the door. The summary and the dashboards count with these, so that a
number means the same wherever it is read.

By status counts every registration; by mode, organization and needs count the active ones
(not cancelled, expired or lapsed); attendance counts who was checked in, and the confirmed
people in the room who were not: "no-show" once their event has ended, "expected" before."""

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from services.registrations.domain.form import ACCESSIBILITY
from services.registrations.domain.registration_life import ACTIVE, MODES, Status

# The order statuses are listed and drawn in.
STATUSES = (
    Status.CONFIRMED,
    Status.PENDING,
    Status.OFFERED,
    Status.WAITLISTED,
    Status.CANCELLED,
    Status.EXPIRED,
    Status.LAPSED,
)
TOP_ORGANIZATIONS = 8  # the rest are summed up as "others"


class Counted(Protocol):
    """What the counts read of a registration (a Registration row has all of it)."""

    @property
    def status(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def organization(self) -> str | None: ...
    @property
    def accessibility(self) -> str: ...  # a JSON list of needs
    @property
    def created_at(self) -> datetime: ...
    @property
    def checked_in_at(self) -> datetime | None: ...


Row = TypeVar("Row", bound=Counted)


def active(rows: Iterable[Row]) -> list[Row]:
    """The registrations not cancelled, expired or lapsed."""
    return [row for row in rows if row.status in ACTIVE]


def by_status(rows: Iterable[Counted]) -> dict[str, int]:
    """Every status in order, with its count (0 included)."""
    counted = Counter(row.status for row in rows)
    return {str(status): counted.get(status, 0) for status in STATUSES}


def by_mode(rows: Iterable[Counted]) -> dict[str, int]:
    """In person and online, over the active registrations."""
    counted = Counter(row.mode for row in active(rows))
    return {mode: counted.get(mode, 0) for mode in MODES}


def by_organization(rows: Iterable[Counted]) -> Counter[str]:
    """Active registrations by the organization their person gave ("" for none)."""
    return Counter((row.organization or "").strip() for row in active(rows))


def needs(rows: Iterable[Counted]) -> dict[str, int]:
    """Each accessibility need, over the active registrations."""
    counted = Counter(need for row in active(rows) for need in json.loads(row.accessibility))
    return {need: counted.get(need, 0) for need in ACCESSIBILITY}


@dataclass(frozen=True)
class Organizations:
    """The organizations with most registrations, then the others summed up."""

    top: list[tuple[str, int]]  # ("" is "no organization given")
    others: int  # registrations of the organizations not in `top`
    other_names: int  # how many organizations those are
    distinct: int  # organizations named (the empty one not counted)


def top_organizations(counted: Counter[str], n: int = TOP_ORGANIZATIONS) -> Organizations:
    """The `n` largest (ties by name), and the rest as one line."""
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    rest = ranked[n:]
    return Organizations(
        top=ranked[:n],
        others=sum(count for _, count in rest),
        other_names=len(rest),
        distinct=sum(1 for name in counted if name),
    )


@dataclass(frozen=True)
class Attendance:
    checked_in: int = 0
    no_show: int = 0  # confirmed, in the room, not checked in, the event over
    expected: int = 0  # confirmed, in the room, not checked in yet, the event to come
    online: int = 0  # confirmed online: nobody checks them in

    def __add__(self, other: "Attendance") -> "Attendance":
        return Attendance(
            self.checked_in + other.checked_in,
            self.no_show + other.no_show,
            self.expected + other.expected,
            self.online + other.online,
        )


def attendance(rows: Iterable[Counted], *, ended: bool) -> Attendance:
    """Who came (checked in), who did not or is still expected, who follows online."""
    rows = list(rows)
    confirmed = [row for row in rows if row.status == Status.CONFIRMED]
    missing = sum(1 for r in confirmed if r.mode == "in_person" and r.checked_in_at is None)
    return Attendance(
        checked_in=sum(1 for row in rows if row.checked_in_at is not None),
        no_show=missing if ended else 0,
        expected=0 if ended else missing,
        online=sum(1 for row in confirmed if row.mode == "online"),
    )


@dataclass(frozen=True)
class Day:
    day: date
    received: int  # registrations made that day
    total: int  # made up to the end of that day


def by_day(rows: Iterable[Counted], timezone: str) -> list[Day]:
    """Registrations received each day (the timezone's days), from the first day to the last
    one with a registration, days with none included."""
    zone = ZoneInfo(timezone)
    counted = Counter(row.created_at.astimezone(zone).date() for row in rows)
    if not counted:
        return []
    days: list[Day] = []
    total, day, last = 0, min(counted), max(counted)
    while day <= last:
        total += counted.get(day, 0)
        days.append(Day(day, counted.get(day, 0), total))
        day += timedelta(days=1)
    return days


@dataclass(frozen=True)
class Figures:
    """Everything a dashboard shows of a set of registrations."""

    received: int
    active: int
    days: list[Day]
    by_status: dict[str, int]
    by_mode: dict[str, int]
    organizations: Organizations
    needs: dict[str, int]
    attendance: Attendance


def figures(rows: Sequence[Counted], *, timezone: str, attended: Attendance) -> Figures:
    """The dashboard's figures; attendance is given, as it depends on each event's end."""
    return Figures(
        received=len(rows),
        active=len(active(rows)),
        days=by_day(rows, timezone),
        by_status=by_status(rows),
        by_mode=by_mode(rows),
        organizations=top_organizations(by_organization(rows)),
        needs=needs(rows),
        attendance=attended,
    )

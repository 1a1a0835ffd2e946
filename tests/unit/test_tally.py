"""What the organizers' figures count (services/registrations/domain/tally.py), on plain rows:
Rome days across the change of clocks, the largest organizations then the others, needs and
modes over the active registrations only, attendance before and after the event."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from services.registrations.domain import tally
from services.registrations.domain.tally import Attendance, Day

pytestmark = pytest.mark.unit


@dataclass(frozen=True)
class Row:
    status: str = "confirmed"
    mode: str = "in_person"
    organization: str | None = None
    accessibility: str = "[]"
    created_at: datetime = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    checked_in_at: datetime | None = None


def test_days_follow_rome_across_the_change_of_clocks():
    # Summer time ends on 25 October 2026: 22:30 UTC is 23:30 in Rome on the 25th, while on
    # the 24th 22:30 UTC is already 00:30 of the 25th.
    rows = [
        Row(created_at=datetime(2026, 10, 24, 22, 30, tzinfo=UTC)),
        Row(created_at=datetime(2026, 10, 25, 22, 30, tzinfo=UTC)),
        Row(created_at=datetime(2026, 10, 27, 8, 0, tzinfo=UTC)),
    ]

    assert tally.by_day(rows, "Europe/Rome") == [
        Day(date(2026, 10, 25), 2, 2),
        Day(date(2026, 10, 26), 0, 2),
        Day(date(2026, 10, 27), 1, 3),
    ]
    assert tally.by_day([], "Europe/Rome") == []


def test_the_largest_organizations_then_the_others_ties_by_name():
    counted = tally.by_organization(
        [Row(organization=f"Comune {n % 5}") for n in range(10)]
        + [Row(organization="Comune 4")]
        + [Row(organization=None), Row(organization="Ente", status="cancelled")]
    )

    found = tally.top_organizations(counted, n=3)

    assert found.top == [("Comune 4", 3), ("Comune 0", 2), ("Comune 1", 2)]
    assert (found.others, found.other_names, found.distinct) == (5, 3, 5)


def test_modes_and_needs_count_active_registrations_and_statuses_count_all():
    rows = [
        Row(mode="online", accessibility='["wheelchair"]'),
        Row(status="waitlisted", accessibility='["wheelchair", "hearing_loop"]'),
        Row(status="cancelled", mode="online", accessibility='["sign_language"]'),
    ]

    assert tally.by_mode(rows) == {"in_person": 1, "online": 1}
    assert tally.needs(rows) == {
        "sign_language": 0,
        "wheelchair": 2,
        "hearing_loop": 1,
        "other": 0,
    }
    assert tally.by_status(rows)["cancelled"] == 1
    assert list(tally.by_status(rows)) == [str(s) for s in tally.STATUSES]


def test_attendance_before_and_after_the_event():
    arrived = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    rows = [
        Row(checked_in_at=arrived),
        Row(),
        Row(mode="online"),
        Row(status="waitlisted"),
    ]

    assert tally.attendance(rows, ended=False) == Attendance(checked_in=1, expected=1, online=1)
    assert tally.attendance(rows, ended=True) == Attendance(checked_in=1, no_show=1, online=1)
    assert Attendance(1, 2, 3, 4) + Attendance(1, 1, 1, 1) == Attendance(2, 3, 4, 5)

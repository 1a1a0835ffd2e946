"""Attendance from the door's scans (domain/attendance.py): the welfare convegno of the Area
Omogenea Cremasca, scripted with a morning and an afternoon, 4 h of scheduled time."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.registrations.domain.attendance import Scan, attendance, scheduled_periods, stays
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, VenueV1
from shared.contracts.events import OrganizationV1

ROME = ZoneInfo("Europe/Rome")


def at(clock: str, day: int = 0) -> datetime:
    """`clock` in Crema, `day` days after 30 November 2024."""
    hours, minutes = map(int, clock.split(":"))
    local = datetime(2024, 11, 30, hours, minutes, tzinfo=ROME) + timedelta(days=day)
    return local.astimezone(UTC)


def item(kind: str, title: str, start: str, end: str, day: int = 0, **more) -> ProgrammeItemV1:
    return ProgrammeItemV1(
        kind=kind, title=title, starts_at=at(start, day), ends_at=at(end, day), **more
    )


MORNING_AND_AFTERNOON = (
    item("registration", "Registrazione partecipanti e welcome coffee", "08:30", "09:00"),
    item(
        "opening",
        "Introduzione: il ruolo politico e di coordinamento dei Sindaci",
        "09:00",
        "10:00",
    ),
    item("talk", "Le potenzialità dei sub-ambiti", "10:00", "11:00"),
    item("lunch", "Pranzo", "13:00", "14:00"),
    item("panel", "Cooperazione e co-programmazione territoriale", "14:00", "16:00"),
)


def convegno(programme=MORNING_AND_AFTERNOON, days: int = 1) -> EventSnapshotV1:
    return EventSnapshotV1(
        id="7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        slug="welfare-area-omogenea-cremasca",
        revision=1,
        calendar_sequence=0,
        status="published",
        title="Coordinare le politiche sociali all'interno dell'Area Omogenea",
        organizer=OrganizationV1(slug="area-omogenea-cremasca", name="Area Omogenea Cremasca"),
        starts_at=at("08:30"),
        ends_at=at("16:00", days - 1),
        venue=VenueV1(name="Sala Pietro da Cemmo", city="Crema"),
        capacity=150,
        page_url="http://localhost:8001/events/welfare-area-omogenea-cremasca",
        programme=programme,
    )


def scans(*pairs: tuple[str, str], day: int = 0) -> list[Scan]:
    """("in"|"out", "hh:mm") pairs."""
    return [Scan(at=at(clock, day), leaving=kind == "out") for kind, clock in pairs]


def test_the_scheduled_time_is_the_taught_programme_without_sign_in_and_lunch():
    assert scheduled_periods(convegno()) == [(at("09:00"), at("11:00")), (at("14:00"), at("16:00"))]


@pytest.mark.parametrize(
    "door, hours, meets",
    [
        ((("in", "08:45"), ("out", "12:30"), ("in", "13:50"), ("out", "16:10")), 4, True),
        ((("in", "08:50"), ("out", "16:05")), 4, True),  # stayed through lunch: lunch is not taught
        ((("in", "09:30"), ("out", "16:00")), 3.5, True),  # 87.5%
        ((("in", "09:50"), ("out", "16:00")), 3 + 10 / 60, False),  # 79.2%
        ((("in", "08:50"), ("out", "12:00")), 2, False),  # the morning only
        ((("in", "07:00"), ("out", "08:59")), 0, False),  # left before it began
    ],
)
def test_hours_attended_count_only_where_the_stay_meets_the_programme(door, hours, meets):
    found = attendance(convegno(), scans(*door))

    assert found.scheduled == timedelta(hours=4)
    assert found.attended == timedelta(hours=hours)
    assert found.meets(0.8) is meets
    assert found.unpaired == 0


def test_an_entry_with_no_exit_counts_nothing_and_is_shown_unpaired():
    found = attendance(convegno(), scans(("in", "08:50")))

    assert (found.attended, found.unpaired) == (timedelta(0), 1)


def test_two_devices_scanning_one_entry_make_one_stay():
    found = attendance(convegno(), scans(("in", "08:50"), ("in", "08:51"), ("out", "16:00")))

    assert (found.attended, found.unpaired) == (timedelta(hours=4), 0)


def test_an_exit_with_no_entry_before_it_counts_nothing():
    found = attendance(convegno(), scans(("out", "10:00"), ("in", "14:00"), ("out", "16:00")))

    assert (found.attended, found.unpaired) == (timedelta(hours=2), 1)


def test_a_forgotten_exit_does_not_run_into_the_next_day():
    two_days = (
        *MORNING_AND_AFTERNOON,
        item("talk", "Seconda giornata, mattina", "09:00", "11:00", day=1),
        item("workshop", "Seconda giornata, pomeriggio", "14:00", "16:00", day=1),
    )
    door = scans(("in", "08:50")) + scans(("in", "08:55"), ("out", "16:00"), day=1)

    found = attendance(convegno(two_days, days=2), door)

    assert found.scheduled == timedelta(hours=8)
    assert (found.attended, found.unpaired) == (timedelta(hours=4), 1)
    assert not found.meets(0.8)


def test_a_section_frames_its_items_and_is_not_counted_twice():
    section = item(
        "section",
        "Sessione plenaria",
        "08:00",
        "17:00",
        items=(
            item("talk", "Relazione", "09:00", "10:00"),
            item("break", "Pausa", "10:00", "10:30"),
        ),
    )

    assert scheduled_periods(convegno((section,))) == [(at("09:00"), at("10:00"))]


def test_a_programme_with_no_times_schedules_the_whole_event():
    untimed = (ProgrammeItemV1(kind="talk", title="Relazione"),)

    assert scheduled_periods(convegno(untimed)) == [(at("08:30"), at("16:00"))]


def test_stays_are_read_in_time_order_whatever_order_the_scans_arrive_in():
    found, unpaired = stays(scans(("out", "16:00"), ("in", "09:00")), "Europe/Rome")

    assert (found, unpaired) == ([(at("09:00"), at("16:00"))], 0)

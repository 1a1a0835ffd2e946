"""Attendance for organizers: the welfare convegno scripted with a morning and an afternoon
(4 h scheduled, lunch apart), scans added as the door would have made them, and each
person's minutes and share read back from the API."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from devstack.demo import move_to_next_occurrence
from tests.organizer.conftest import viewer_headers, wait_for_token
from tests.support.system import conference

pytestmark = pytest.mark.e2e

ROME = ZoneInfo("Europe/Rome")


def event_day() -> str:
    """The day `published` moves the demo conference to."""
    moved = move_to_next_occurrence(conference(), date.today() + timedelta(days=7))
    return str(moved["starts_at"][:10])


def morning_and_afternoon(day: str) -> dict:
    def item(kind: str, title: str, start: str, end: str) -> dict:
        return {
            "kind": kind,
            "title": title,
            "starts_at": f"{day}T{start}:00",
            "ends_at": f"{day}T{end}:00",
        }

    return {
        "starts_at": f"{day}T09:00:00",
        "ends_at": f"{day}T16:00:00",
        "programme": [
            item("registration", "Registrazione partecipanti e welcome coffee", "08:30", "09:00"),
            item("opening", "Introduzione: il ruolo politico dei Sindaci", "09:00", "10:00"),
            item("talk", "Le potenzialità dei sub-ambiti", "10:00", "11:00"),
            item("lunch", "Pranzo", "13:00", "14:00"),
            item("panel", "Cooperazione e co-programmazione territoriale", "14:00", "16:00"),
        ],
    }


def add_scan(conference, registration_id: str, day: str, clock: str, leaving: bool, headers=None):
    at = datetime.fromisoformat(f"{day}T{clock}:00").replace(tzinfo=ROME)
    return conference.client.post(
        f"{conference.api}/registrations/{registration_id}/scans",
        json={"at": at.isoformat(), "leaving": leaving},
        headers=headers or conference.staff,
    )


def test_minutes_and_shares_follow_the_scans_against_the_programme(published):
    day = event_day()
    conference = published(**morning_and_afternoon(day))
    anna, bruno, carla = (conference.register(name) for name in ("Anna", "Bruno", "Carla"))
    door = {
        anna["id"]: [("08:45", False), ("12:30", True), ("13:50", False), ("16:05", True)],
        bruno["id"]: [("09:50", False), ("16:00", True)],
        carla["id"]: [("08:50", False)],  # left by another door
    }
    for registration_id, scans in door.items():
        for clock, leaving in scans:
            assert add_scan(conference, registration_id, day, clock, leaving).status_code == 201

    report = conference.client.get(f"{conference.api}/attendance", headers=conference.staff).json()

    assert report["scheduled_minutes"] == 240
    by_name = {person["name"]: person for person in report["people"]}
    assert {
        name: (p["attended_minutes"], p["meets_minimum"], p["unpaired_scans"])
        for name, p in by_name.items()
    } == {
        "Anna Rossi": (240, True, 0),
        "Bruno Rossi": (190, False, 0),  # 79%: ten minutes short
        "Carla Rossi": (0, False, 1),
    }


def test_a_scan_added_by_hand_needs_an_editor_and_a_day_of_the_event(published):
    day = event_day()
    conference = published(**morning_and_afternoon(day))
    person = conference.register()
    door_staff = viewer_headers(conference.stack)
    wait_for_token(conference.stack, conference.slug, door_staff, 200)
    the_day_before = (date.fromisoformat(day) - timedelta(days=1)).isoformat()

    by_viewer = add_scan(conference, person["id"], day, "10:00", False, headers=door_staff)
    outside = add_scan(conference, person["id"], the_day_before, "10:00", False)

    assert by_viewer.status_code == 403
    assert outside.status_code == 422
    assert outside.json()["detail"] == "The scan's time is not on a day of the event"
    report = conference.client.get(f"{conference.api}/attendance", headers=conference.staff)
    assert report.json()["people"][0]["attended_minutes"] == 0

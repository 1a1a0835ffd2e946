"""Check-in at a session's door (issue 17): a workshop table's organizer counts who arrived.
Only people holding a seat in that session get in, once each; someone waiting for it, or who
chose another, is told so; the event's own door is not touched."""

from typing import Any

import pytest

from tests.organizer.conftest import csrf_of
from tests.support.reading import said
from tests.support.system import conference

pytestmark = pytest.mark.e2e


def with_two_tables() -> dict[str, Any]:
    """The conference's programme as two workshop tables on its day: A with one seat, B 5."""
    day = conference()["starts_at"][:10]
    tables = [("Tavolo A", "10:00", "11:00", 1), ("Tavolo B", "11:00", "12:00", 5)]
    return {
        "programme": [
            {
                "kind": "workshop",
                "title": title,
                "room": "Sala Giunta",
                "starts_at": f"{day}T{starts}:00",
                "ends_at": f"{day}T{ends}:00",
                "seats": seats,
            }
            for title, starts, ends, seats in tables
        ]
    }


def sessions(conference_) -> dict[str, dict[str, Any]]:
    """Title -> the organizers' list of that session."""
    answer = conference_.client.get(f"{conference_.api}/sessions", headers=conference_.staff)
    assert answer.status_code == 200, answer.text
    return {found["title"]: found for found in answer.json()}


def test_a_seat_holder_checks_in_once_and_others_are_told_why_not(published):
    event = published(**with_two_tables())
    ids = {title: found["item_id"] for title, found in sessions(event).items()}
    seated = event.register("Anna", sessions=[ids["Tavolo A"]])
    waiting = event.register("Bruno", sessions=[ids["Tavolo A"]])
    elsewhere = event.register("Carla", sessions=[ids["Tavolo B"]])
    door = f"{event.api}/sessions/{ids['Tavolo A']}/checkins"

    def scan(person: dict[str, Any]) -> Any:
        return event.client.post(
            door, json={"code": event.ticket(person["id"])}, headers=event.staff
        )

    first, again, queued, other = scan(seated), scan(seated), scan(waiting), scan(elsewhere)
    unknown = event.client.post(
        f"{event.api}/sessions/999999/checkins",
        json={"registration_id": seated["id"]},
        headers=event.staff,
    )
    table = sessions(event)["Tavolo A"]

    assert first.status_code == 201 and first.json()["name"] == "Anna Rossi"
    assert again.status_code == 409
    assert again.json()["checked_in_at"] == first.json()["checked_in_at"]
    assert queued.status_code == 409
    assert queued.json()["detail"] == "No seat in this session: waiting at place 1 in its line"
    assert other.status_code == 409 and "not signed up" in other.json()["detail"]
    assert unknown.status_code == 404
    assert [p["checked_in_at"] is not None for p in table["seated"]] == [True]
    assert event.registration(seated["id"])["checked_in_at"] is None  # the event's door: not yet


def test_the_door_page_opens_a_session_s_door_and_says_who_has_no_seat(published):
    event = published(**with_two_tables())
    ids = {title: found["item_id"] for title, found in sessions(event).items()}
    seated = event.register("Dario", sessions=[ids["Tavolo B"]])
    elsewhere = event.register("Elena", sessions=[ids["Tavolo A"]])

    browser = event.enter("door")
    page = browser.get(f"{event.page}/checkin", params={"session": ids["Tavolo B"]})
    url = f"{event.page}/checkin?session={ids['Tavolo B']}"
    done = browser.post(url, data={"csrf": csrf_of(page.text), "code": event.ticket(seated["id"])})
    refused = browser.post(
        url, data={"csrf": csrf_of(page.text), "registration_id": elsewhere["id"]}
    )
    english = browser.get(url + "&lang=en")

    assert page.status_code == 200
    assert "Tavolo B: presenti 0 su 1 con il posto" in said(page.text)
    assert done.status_code == 200
    assert "Presenza in sessione registrata: Dario Rossi" in said(done.text)
    assert "Tavolo B: presenti 1 su 1 con il posto" in said(done.text)
    assert refused.status_code == 409
    assert "non è tra le sessioni scelte con questo biglietto" in said(refused.text)
    assert "Tavolo B: 1 present of 1 holding a seat" in said(english.text)

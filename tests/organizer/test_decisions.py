"""Decisions taken by hand: confirm beyond capacity, decline (the seat moves on), erase."""

import csv
import io

import pytest

from tests.organizer.conftest import csrf_of
from tests.support.system import availability

pytestmark = pytest.mark.e2e


def test_waitlisted_person_confirmed_by_hand_beyond_capacity(published):
    conference = published(capacity=1)
    conference.register()
    waiting = conference.register("Anna")

    answer = conference.client.post(
        f"{conference.api}/registrations/{waiting['id']}/confirm", headers=conference.staff
    )

    assert waiting["status"] == "waitlisted"
    assert answer.status_code == 200
    assert answer.json()["status"] == "confirmed"
    assert conference.summary()["by_status"] == {"confirmed": 2}
    assert availability(conference.stack, conference.slug)["seats_left"] == 0


def test_confirming_twice_is_harmless(published):
    conference = published(capacity=1)
    conference.register()
    waiting = conference.register("Anna")
    url = f"{conference.api}/registrations/{waiting['id']}/confirm"

    first = conference.client.post(url, headers=conference.staff)
    second = conference.client.post(url, headers=conference.staff)

    assert (first.status_code, second.status_code) == (200, 200)
    assert conference.summary()["by_status"] == {"confirmed": 2}


def test_declining_a_confirmed_person_offers_the_seat_to_the_first_waitlisted(published):
    conference = published(capacity=1)
    seated = conference.register()
    first, second = conference.register("Anna"), conference.register("Luca")

    answer = conference.client.post(
        f"{conference.api}/registrations/{seated['id']}/decline", headers=conference.staff
    )

    assert answer.json()["status"] == "cancelled"
    assert conference.registration(first["id"])["status"] == "offered"
    assert conference.registration(second["id"])["status"] == "waitlisted"


def test_cancelled_registration_cannot_be_confirmed(published):
    conference = published()
    person = conference.register()
    conference.client.post(
        f"{conference.api}/registrations/{person['id']}/decline", headers=conference.staff
    )

    answer = conference.client.post(
        f"{conference.api}/registrations/{person['id']}/confirm", headers=conference.staff
    )

    assert answer.status_code == 409


def test_erasing_a_person_removes_their_data_but_not_the_counts(published):
    conference = published()
    gone = conference.register(
        "Giulia", accessibility=["other"], accessibility_other="Cane guida", phone="3331234567"
    )
    conference.register("Paolo")
    before = conference.summary()["by_status"]

    answer = conference.client.post(
        f"{conference.api}/registrations/{gone['id']}/erase", headers=conference.staff
    )
    browser = conference.enter()
    exported = browser.get(f"{conference.page}/registrations.csv").content.decode("utf-8-sig")
    rows = {row["ID iscrizione"]: row for row in csv.DictReader(io.StringIO(exported))}
    page = browser.get(conference.page).text

    erased = conference.registration(gone["id"])
    assert answer.status_code == 200
    assert conference.summary()["by_status"] == before
    assert {erased[name] for name in ("first_name", "last_name", "email", "phone")} == {None}
    assert erased["accessibility"] == []
    assert erased["erased_at"] is not None
    assert (rows[gone["id"]]["Nome"], rows[gone["id"]]["Email"]) == ("", "")
    assert "Giulia" not in exported and "Cane guida" not in exported
    assert "Giulia" not in page and "Dati cancellati" in page


def test_page_confirms_declines_and_erases_with_a_confirmation_step(published):
    conference = published(capacity=1)
    seated = conference.register()
    waiting = conference.register("Anna")
    browser = conference.enter()
    csrf = csrf_of(browser.get(conference.page).text)
    base = f"{conference.page}/registrations"

    confirmed = browser.post(f"{base}/{waiting['id']}/confirm", data={"csrf": csrf})
    declined = browser.post(f"{base}/{seated['id']}/decline", data={"csrf": csrf})
    asked = browser.get(f"{base}/{seated['id']}/erase")
    erased = browser.post(f"{base}/{seated['id']}/erase", data={"csrf": csrf})
    shown = browser.get(erased.headers["location"])

    assert confirmed.status_code == declined.status_code == erased.status_code == 303
    assert "Cancellare i dati di Maria Rossi?" in asked.text
    assert "Dati personali cancellati." in shown.text
    assert conference.registration(waiting["id"])["status"] == "confirmed"
    assert conference.registration(seated["id"])["status"] == "cancelled"
    assert conference.registration(seated["id"])["first_name"] is None

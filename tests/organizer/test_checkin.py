"""Check-in at the door: once per ticket even from two devices, forged tickets refused,
door staff (viewers) allowed."""

import asyncio

import httpx
import pytest

from services.registrations.domain.links import ticket_payload
from shared.settings import DEVELOPMENT_SECRET
from tests.organizer.conftest import csrf_of, viewer_headers, wait_for_token

pytestmark = pytest.mark.e2e


async def two_devices(url: str, headers: dict[str, str], code: str) -> list[httpx.Response]:
    async with httpx.AsyncClient(timeout=30, headers=headers) as device:
        return await asyncio.gather(*(device.post(url, json={"code": code}) for _ in range(2)))


def test_same_ticket_from_two_devices_checks_in_once(published):
    conference = published()
    person = conference.register()
    url = f"{conference.stack.url('registrations')}{conference.api}/checkins"

    answers = asyncio.run(two_devices(url, conference.staff, conference.ticket(person["id"])))

    by_status = {answer.status_code: answer.json() for answer in answers}
    assert sorted(by_status) == [201, 409]
    assert by_status[201]["name"] == "Maria Rossi"
    assert by_status[409]["checked_in_at"] == by_status[201]["checked_in_at"]
    assert by_status[409]["detail"].startswith("Already checked in at ")


@pytest.mark.parametrize(
    ("forge", "status"),
    [
        (lambda rid: ticket_payload(rid, "0" * 32, secret=DEVELOPMENT_SECRET), 422),
        (lambda rid: ticket_payload(rid, "x", secret="another-secret"), 422),
        (lambda rid: f"CVG1:{rid[::-1]}:abcdef", 404),
        (lambda rid: "not a ticket at all", 422),
    ],
    ids=["wrong-code", "wrong-secret", "unknown-registration", "garbage"],
)
def test_forged_ticket_is_refused(published, forge, status):
    conference = published()
    person = conference.register()

    answer = conference.client.post(
        f"{conference.api}/checkins", json={"code": forge(person["id"])}, headers=conference.staff
    )

    assert answer.status_code == status
    assert conference.registration(person["id"])["checked_in_at"] is None


def test_check_in_by_registration_counts_the_arrival(published):
    conference = published()
    arriving, staying = conference.register(), conference.register("Anna")

    answer = conference.client.post(
        f"{conference.api}/checkins",
        json={"registration_id": arriving["id"]},
        headers=conference.staff,
    )
    counts = conference.client.get(f"{conference.api}/checkins/counts", headers=conference.staff)

    assert answer.status_code == 201
    assert answer.json()["registration_id"] == arriving["id"]
    assert counts.json() == {"checked_in": 1, "confirmed": 2}
    assert conference.registration(staying["id"])["checked_in_at"] is None


def test_door_page_checks_in_by_name_then_tells_the_time_of_the_first(published):
    conference = published()
    person = conference.register("Giuseppe")
    browser = conference.enter(role="viewer")
    found = browser.get(f"{conference.page}/checkin", params={"q": "giuseppe"})
    form = {"csrf": csrf_of(found.text), "registration_id": person["id"]}

    first = browser.post(f"{conference.page}/checkin", data=form)
    second = browser.post(f"{conference.page}/checkin", data=form)

    assert found.status_code == 200
    assert "Giuseppe Rossi" in found.text
    assert first.status_code == 200
    assert "Ingresso registrato: Giuseppe Rossi" in first.text
    assert second.status_code == 409
    assert "Già entrato alle " in second.text


def test_door_page_refuses_a_forged_code(published):
    conference = published()
    person = conference.register()
    browser = conference.enter()
    page = browser.get(f"{conference.page}/checkin?lang=en")
    forged = ticket_payload(person["id"], "0" * 32, secret=DEVELOPMENT_SECRET)

    answer = browser.post(
        f"{conference.page}/checkin?lang=en", data={"csrf": csrf_of(page.text), "code": forged}
    )

    assert answer.status_code == 422
    assert "Not one of our tickets" in answer.text


def test_door_page_counts_for_the_refresh(published):
    conference = published()
    conference.register()
    browser = conference.enter()

    counts = browser.get(f"{conference.page}/checkin/counts.json")

    assert counts.json() == {"checked_in": 0, "confirmed": 1}


def test_viewer_may_check_in_but_not_confirm(published):
    conference = published(capacity=1)
    seated, waiting = conference.register(), conference.register("Anna")
    door = viewer_headers(conference.stack)
    wait_for_token(conference.stack, conference.slug, door, 200)

    checked = conference.client.post(
        f"{conference.api}/checkins", json={"code": conference.ticket(seated["id"])}, headers=door
    )
    confirmed = conference.client.post(
        f"{conference.api}/registrations/{waiting['id']}/confirm", headers=door
    )

    assert waiting["status"] == "waitlisted"
    assert checked.status_code == 201
    assert confirmed.status_code == 403
    assert conference.registration(waiting["id"])["status"] == "waitlisted"

"""Check-in at the door: once per ticket even from two devices, forged tickets refused,
door staff (viewers) allowed."""

import asyncio

import httpx
import pytest

from services.registrations.domain.links import ticket_payload
from services.registrations.domain.ticket_codes import ALPHABET, new_code, spoken
from shared.settings import DEVELOPMENT_SECRET
from tests.manage.bus import wait_for_fact
from tests.organizer.conftest import csrf_of, viewer_headers, wait_for_token
from tests.support.reading import said

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


def one_symbol_off(code: str) -> str:
    """The code with its third symbol read wrong, as a clerk mishearing it would type it."""
    symbols = code.replace("-", "")
    wrong = ALPHABET[(ALPHABET.index(symbols[2]) + 1) % len(ALPHABET)]
    return spoken(symbols[:2] + wrong + symbols[3:])


def data_of(manage_url: str) -> dict:
    """What "download my data" gives the person."""
    answer = httpx.get(f"{manage_url}/data.json", timeout=30)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


@pytest.mark.parametrize(
    "typed",
    [str.lower, lambda c: c.replace("-", " "), lambda c: c],
    ids=["lower-case", "spaces", "as-printed"],
)
def test_short_code_from_download_my_data_typed_as_people_type_it_checks_in(published, typed):
    conference = published()
    person = conference.register()
    manage_url = wait_for_fact(conference.stack, person["id"], "confirmed")["manage_url"]
    code = data_of(manage_url)["registration"]["ticket_code"]

    answer = conference.client.post(
        f"{conference.api}/checkins", json={"code": typed(code)}, headers=conference.staff
    )

    assert answer.status_code == 201, answer.text
    assert answer.json()["registration_id"] == person["id"]
    assert conference.registration(person["id"])["ticket_code"] == code


def test_short_code_mistyped_or_of_no_one_here_is_refused_saying_which(published):
    conference = published()
    person = conference.register()
    code = conference.registration(person["id"])["ticket_code"]

    mistyped, unknown = (
        conference.client.post(
            f"{conference.api}/checkins", json={"code": typed}, headers=conference.staff
        )
        for typed in (one_symbol_off(code), spoken(new_code()))
    )

    assert (mistyped.status_code, mistyped.json()["detail"]) == (
        422,
        "This code is not valid: check the characters",
    )
    assert (unknown.status_code, unknown.json()["detail"]) == (
        404,
        "No ticket with this code at this event",
    )
    assert conference.registration(person["id"])["checked_in_at"] is None


@pytest.mark.parametrize(
    ("lang", "checked_in", "mistyped", "unknown"),
    [
        (
            "it",
            "Ingresso registrato: Maria Rossi",
            "Questo codice non è valido: controlla i caratteri.",
            "Nessun biglietto dell'evento ha questo codice.",
        ),
        (
            "en",
            "Checked in: Maria Rossi",
            "This code is not valid: check the characters.",
            "No ticket with this code at this event.",
        ),
    ],
)
def test_door_page_takes_a_typed_short_code_and_says_what_is_wrong_with_a_bad_one(
    published, lang, checked_in, mistyped, unknown
):
    conference = published()
    person = conference.register()
    code = conference.registration(person["id"])["ticket_code"]
    browser = conference.enter(role="viewer")
    door = f"{conference.page}/checkin?lang={lang}"

    def typed(text: str) -> httpx.Response:
        csrf = csrf_of(browser.get(door).text)
        return browser.post(door, data={"csrf": csrf, "code": text})

    answers = [typed(one_symbol_off(code)), typed(spoken(new_code())), typed(code.lower())]

    assert [answer.status_code for answer in answers] == [422, 404, 200]
    read = [said(answer.text) for answer in answers]
    assert [mistyped in read[0], unknown in read[1], checked_in in read[2]] == [True, True, True]

"""Exits at the door, as the paper sheet signed at entry and at exit: entry, exit, back after
lunch, exit again, each scan a fact on the bus; never two exits (or two entries) in a row,
even from two devices; the door page's exit mode."""

import asyncio
from collections import Counter

import httpx
import pytest

from devstack.waiting import wait_until
from tests.manage.bus import KIND, _read_in_thread
from tests.organizer.conftest import csrf_of

pytestmark = pytest.mark.e2e


def door_facts(conference, registration_id: str) -> Counter[str]:
    """The scan facts about one person on the REGISTRATIONS stream, by type and number."""
    counted: Counter[str] = Counter()
    for fact in _read_in_thread(conference.stack.nats_url):
        data = fact["data"]
        if data.get("registration_id") != registration_id:
            continue
        if fact["type"] == KIND.format("checked_in"):
            counted[f"in {data.get('entry', 1)}"] += 1
        elif fact["type"] == KIND.format("checked_out"):
            counted[f"out {data['exit']}"] += 1
    return counted


def scan(conference, path: str, registration_id: str) -> httpx.Response:
    return conference.client.post(
        f"{conference.api}/{path}",
        json={"registration_id": registration_id},
        headers=conference.staff,
    )


def test_entry_exit_and_back_after_lunch_are_four_scans_and_four_facts(published):
    conference = published()
    person = conference.register()

    answers = [scan(conference, path, person["id"]) for path in ("checkins", "checkouts") * 2]

    assert [answer.status_code for answer in answers] == [201, 201, 201, 201]
    assert answers[1].json()["name"] == "Maria Rossi"
    expected = Counter({"in 1": 1, "out 1": 1, "in 2": 1, "out 2": 1})
    wait_until(lambda: door_facts(conference, person["id"]) == expected, timeout=30, what="facts")
    counts = conference.client.get(f"{conference.api}/checkins/counts", headers=conference.staff)
    assert counts.json() == {"checked_in": 1, "confirmed": 1}  # arrived, whatever came after


def test_an_exit_with_no_entry_today_is_refused_and_says_why(published):
    conference = published()
    person = conference.register()

    never_in = scan(conference, "checkouts", person["id"])
    scan(conference, "checkins", person["id"])
    scan(conference, "checkouts", person["id"])
    twice = scan(conference, "checkouts", person["id"])

    assert never_in.status_code == twice.status_code == 409
    assert twice.json()["detail"] == (
        "Not checked in today: there is no entry for this exit to close"
    )


async def two_devices(url: str, headers: dict[str, str], registration_id: str) -> list[int]:
    async with httpx.AsyncClient(timeout=30, headers=headers) as device:
        sent = (device.post(url, json={"registration_id": registration_id}) for _ in range(2))
        return sorted(answer.status_code for answer in await asyncio.gather(*sent))


def test_one_exit_scanned_from_two_devices_at_once_counts_once(published):
    conference = published()
    person = conference.register()
    scan(conference, "checkins", person["id"])
    url = f"{conference.stack.url('registrations')}{conference.api}/checkouts"

    statuses = asyncio.run(two_devices(url, conference.staff, person["id"]))

    assert statuses == [201, 409]
    wait_until(lambda: door_facts(conference, person["id"])["out 1"] == 1, timeout=30, what="exit")
    assert door_facts(conference, person["id"]) == Counter({"in 1": 1, "out 1": 1})


def test_the_door_page_in_exit_mode_records_exits(published):
    conference = published()
    person = conference.register("Giuseppe")
    browser = conference.enter(role="viewer")
    browser.post(
        f"{conference.page}/checkin",
        data={
            "csrf": csrf_of(browser.get(f"{conference.page}/checkin").text),
            "registration_id": person["id"],
        },
    )
    exits = browser.get(f"{conference.page}/checkin", params={"direction": "out", "q": "giuseppe"})
    form = {"csrf": csrf_of(exits.text), "registration_id": person["id"], "direction": "out"}

    first = browser.post(f"{conference.page}/checkin?direction=out", data=form)
    second = browser.post(f"{conference.page}/checkin?direction=out", data=form)

    assert 'aria-current="page" href="/organizer/events/' in exits.text
    assert "Registra uscita" in exits.text
    assert first.status_code == 200
    assert "Uscita registrata: Giuseppe Rossi" in first.text
    assert second.status_code == 409
    assert "Oggi non c&#39;è un ingresso per questo biglietto" in second.text

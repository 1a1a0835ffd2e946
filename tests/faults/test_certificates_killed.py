"""Certificates issued and mailed while a service is killed with SIGKILL: registrations (which
issues them, in the close's transaction, and relays their facts) killed while the organizer
closes attendance or just after, and notifications killed while it mails them. Each person
who stayed long enough ends with one certificate, one fact on the bus and one email with the
PDF (a copy sent again only by a killed sender, for a send it had in flight)."""

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import httpx
import pytest

from devstack.demo import move_to_next_occurrence
from devstack.mailsink.store import message_keys
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.faults.accounting import LOOK_EVERY, database_url, mailed_copies, sends_in_flight
from tests.organizer.test_attendance_report import event_day, morning_and_afternoon
from tests.support.bus import stream_facts
from tests.support.databases import stored_rows
from tests.support.system import conference, organizer_headers, publish, wait_until_registrable

pytestmark = [pytest.mark.faults, pytest.mark.e2e]

ATTENDING = 80  # enough certificates that a kill lands while they are being mailed
ORGANIZATION = "area-omogenea-cremasca"
SETTINGS = {"issued": True, "minimum_share": 0.8, "credits": "4"}


def attended_convegno(stack: Stack) -> tuple[dict, httpx.Client, dict[str, str]]:
    """A published 4 h convegno, ATTENDING people registered and scanned in and out around
    it, certificates on; returns the event, an organizer's client and id -> email."""
    day = event_day()
    payload = move_to_next_occurrence(
        conference(**morning_and_afternoon(day)), date.today() + timedelta(days=7)
    )
    event = publish(stack, payload, ORGANIZATION)
    wait_until_registrable(stack, event["slug"])
    api = httpx.Client(
        base_url=f"{stack.url('registrations')}/api/organizer/events/{event['slug']}",
        headers=organizer_headers(stack, ORGANIZATION),
        timeout=30,
    )
    wait_until(
        lambda: api.get("/certificates/settings").status_code == 200,
        timeout=60,
        what="the organizer's token at registrations",
    )
    people = {}
    for number in range(ATTENDING):
        email = f"attestato-{number}-{uuid.uuid4().hex[:6]}@comune-test.it"
        person = {
            "first_name": f"Persona{number}",
            "last_name": "Presente",
            "email": email,
            "privacy_consent": True,
        }
        answer = httpx.post(
            f"{stack.url('registrations')}/api/events/{event['slug']}/registrations", json=person
        )
        assert answer.status_code == 201, answer.text
        people[answer.json()["id"]] = email
        for clock, leaving in (("08:50", False), ("16:05", True)):
            scan = {"at": f"{day}T{clock}:00", "leaving": leaving}
            added = api.post(f"/registrations/{answer.json()['id']}/scans", json=scan)
            assert added.status_code == 201, added.text
    assert api.put("/certificates/settings", json=SETTINGS).status_code == 200
    return event, api, people


def close(api: httpx.Client) -> int:
    """The close's answer: 200, 409 once it was done, 0 when the connection broke."""
    try:
        return api.post("/attendance/close").status_code
    except httpx.TransportError:
        return 0


def restart(stack: Stack, name: str) -> None:
    process = stack.services[name]
    process.kill()
    process.start().wait_healthy()


def close_killing_registrations(stack: Stack, api: httpx.Client, moment: str) -> None:
    """Close attendance and kill registrations while the close runs or right after it
    answered (its facts still being relayed); then close again as an organizer would when
    the first click got no answer: it is done once (409), or now (200)."""
    if moment == "while closing":
        with ThreadPoolExecutor(1) as pool:
            closing = pool.submit(close, api)
            restart(stack, "registrations")
            first = closing.result()
    else:
        first = close(api)
        restart(stack, "registrations")
    again = close(api)
    print(f"closed {moment}: first answer {first}, then {again}")
    assert first in (0, 200, 409)
    assert again == 409 if first == 200 else again in (200, 409)


def close_killing_notifications(stack: Stack, api: httpx.Client) -> None:
    """Close attendance, then kill notifications once certificate emails are leaving."""
    sent_before = len(message_keys(stack.maildir))
    assert close(api) == 200
    wait_until(
        lambda: len(message_keys(stack.maildir)) >= sent_before + ATTENDING // 4,
        timeout=120,
        what="certificate emails leaving",
    )
    restart(stack, "notifications")


def certificate_facts(stack: Stack, event_id: str) -> Counter[str]:
    facts = stream_facts(stack, "REGISTRATIONS", "registrations.certificate.>")
    return Counter(data["registration_id"] for _, data in facts if data["event_id"] == event_id)


def certificates_mailed(stack: Stack, event_id: str) -> dict[str, list[str]]:
    """recipient -> Message-ID of every raw certificate email they got."""
    copies = mailed_copies(stack, event_id)
    return {who: ids for (who, kind), ids in copies.items() if kind == "certificate"}


def unsent_certificates(stack: Stack, event_id: str) -> int:
    query = (
        "SELECT count(*) FROM delivery WHERE kind = 'certificate' "
        f"AND event_id = '{event_id}' AND status <> 'sent'"
    )
    ((count,),) = stored_rows(database_url(stack, "notifications"), query)
    return int(count)


@pytest.mark.parametrize(
    "victim", ["registrations while closing", "registrations just after", "notifications"]
)
def test_killed_while_issuing_each_person_gets_one_certificate_email(fault_stack, victim):
    stack = fault_stack
    event, api, people = attended_convegno(stack)

    try:
        if victim == "notifications":
            close_killing_notifications(stack, api)
        else:
            close_killing_registrations(stack, api, victim.partition(" ")[2])
    finally:
        api.close()

    wait_until(
        lambda: (
            len(certificates_mailed(stack, event["id"])) >= ATTENDING
            and unsent_certificates(stack, event["id"]) == 0
        ),
        timeout=240,
        interval=LOOK_EVERY,
        what="every certificate email",
    )
    query = f"SELECT registration_id FROM certificate WHERE event_id = '{event['id']}'"
    issued = Counter(rid for (rid,) in stored_rows(database_url(stack, "registrations"), query))
    assert issued == Counter(dict.fromkeys(people, 1))
    assert certificate_facts(stack, event["id"]) == issued
    mailed = certificates_mailed(stack, event["id"])
    assert set(mailed) == set(people.values())
    resent = sends_in_flight(stack) if victim == "notifications" else 0
    doubled = {who: ids for who, ids in mailed.items() if len(ids) > 1}
    print(f"certificate emails sent twice: {doubled}")
    assert sum(len(ids) - 1 for ids in doubled.values()) <= resent
    assert all(len(set(ids)) == 1 for ids in doubled.values())  # a copy, not a second email

"""Picking sessions of a two-day assembly with parallel workshops, through the real services:
the registration form lists the workshops with their seats left, a person picks one of each
round, two at the same time are refused with a message and nothing is written, the API
refuses them too; the organizers' list shows who holds a seat and who waits; a person's
calendar, rebuilt from their emails, holds exactly their sessions after they change them and
after the organizer moves one, and so does their private feed."""

import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from html import unescape
from typing import Any

import httpx
import pytest
from icalendar import Calendar

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.manage.bus import registered
from tests.support.mail import calendar_part, invite
from tests.support.system import (
    organizer_headers,
    post_form,
    publish,
    register_url,
    running_stack,
    wait_until_registrable,
)
from tests.support.workshops import assembly

pytestmark = pytest.mark.e2e

ORG = "anci-lombardia"


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("sessions")) as running:
        yield running


@pytest.fixture(scope="module")
def event(stack) -> dict:
    published = publish(stack, assembly(date.today() + timedelta(days=12)), ORG)
    wait_until_registrable(stack, published["slug"])
    return published


def workshops(event: dict) -> dict[str, int]:
    """Workshop title -> item id."""
    return {item["title"]: item["id"] for item in event["programme"] if item.get("seats")}


def person(name: str) -> dict[str, str]:
    return {
        "first_name": name,
        "last_name": "Rossi",
        "email": f"{name.lower()}-{uuid.uuid4().hex[:8]}@comune-test.it",
        "organization": "Comune di Crema",
        "privacy_consent": "on",
    }


def test_the_form_offers_the_workshops_and_refuses_two_at_once(stack, event):
    url = register_url(stack, event["slug"])
    ids = workshops(event)
    morning = [i for t, i in ids.items() if "prima sessione" in t]
    afternoon = [i for t, i in ids.items() if "seconda sessione" in t]

    page = httpx.get(url, timeout=30)
    clash = post_form(url, {**person("Anna"), "sessions": [str(i) for i in morning[:2]]})
    fine = post_form(url, {**person("Bruno"), "sessions": [str(morning[0]), str(afternoon[2])]})
    api_clash = httpx.post(
        f"{stack.url('registrations')}/api/events/{event['slug']}/registrations",
        json={**person("Carla"), "privacy_consent": True, "sessions": morning[1:]},
        timeout=30,
    )
    lists = session_lists(stack, event)

    assert page.status_code == 200
    assert "Sessioni su iscrizione" in page.text and "30 posti liberi" in page.text
    assert clash.status_code == 422
    assert "Due delle sessioni scelte si svolgono alla stessa ora" in unescape(clash.text)
    assert fine.status_code == 200
    assert api_clash.status_code == 422
    assert "are at the same time" in api_clash.json()["detail"]
    seated = {item: [p["name"] for p in found["seated"]] for item, found in lists.items()}
    assert seated[morning[0]] == ["Bruno Rossi"] and seated[afternoon[2]] == ["Bruno Rossi"]
    assert all(
        not names for item, names in seated.items() if item not in (morning[0], afternoon[2])
    )
    names = [p["name"] for found in lists.values() for p in found["seated"] + found["waiting"]]
    assert "Anna Rossi" not in names and "Carla Rossi" not in names


def session_lists(stack, event) -> dict[int, dict]:
    answer = httpx.get(
        f"{stack.url('registrations')}/api/organizer/events/{event['slug']}/sessions",
        headers=organizer_headers(stack, ORG),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return {found["item_id"]: found for found in answer.json()}


def test_a_person_changes_their_sessions_on_their_page(stack, event):
    ids = workshops(event)
    morning = [i for t, i in ids.items() if "prima sessione" in t]
    afternoon = [i for t, i in ids.items() if "seconda sessione" in t]
    answer = httpx.post(
        f"{stack.url('registrations')}/api/events/{event['slug']}/registrations",
        json={**person("Dario"), "privacy_consent": True, "sessions": [morning[1]]},
        timeout=30,
    )
    manage_url = registered(stack, answer.json()).manage_url
    token = manage_url.rsplit("/r/", 1)[1]
    base = stack.url("registrations")
    action = f"{base}/r/{token}/sessions"

    with httpx.Client(timeout=30) as browser:
        page = browser.get(manage_url)
        clash = browser.post(action, data={"token": token, "sessions": morning[:2]})
        after_clash = browser.get(base + clash.headers["location"].split("#")[0])
        changed = browser.post(
            action, data={"token": token, "sessions": [morning[2], afternoon[0]]}
        )
        after = browser.get(base + changed.headers["location"].split("#")[0])
        forged = browser.post(action, data={"token": "not-the-page", "sessions": [morning[0]]})

    assert "Le tue sessioni" in page.text and page.text.count('name="sessions"') == 6
    assert "hai il posto" in page.text
    assert clash.status_code == 303
    assert "Due delle sessioni scelte si svolgono alla stessa ora" in unescape(after_clash.text)
    assert changed.status_code == 303 and "Sessioni salvate." in after.text
    assert forged.status_code == 403
    lists = session_lists(stack, event)
    holders = {item: [p["name"] for p in found["seated"]] for item, found in lists.items()}
    assert "Dario Rossi" not in holders[morning[1]]  # left: the seat went back
    assert "Dario Rossi" in holders[morning[2]] and "Dario Rossi" in holders[afternoon[0]]


def replayed(messages: list[EmailMessage]) -> dict[str, Any]:
    """A calendar as a client builds it from the invites in `messages`, in arrival order
    (RFC 5546): REQUEST adds or replaces the entry of its UID unless it holds a higher
    SEQUENCE, CANCEL removes it likewise. UID -> VEVENT."""
    held: dict[str, Any] = {}
    for message in messages:
        part = calendar_part(message)
        calendar = Calendar.from_ical(part.get_content())
        for vevent in calendar.walk("VEVENT"):
            uid, sequence = str(vevent["UID"]), int(vevent.get("SEQUENCE", 0))
            if uid in held and int(held[uid].get("SEQUENCE", 0)) > sequence:
                continue  # older than what the calendar holds: ignored
            if str(calendar["METHOD"]) == "CANCEL":
                held.pop(uid, None)
            else:
                held[uid] = vevent
    return held


def sessions_in(entries: Iterable[Any], event_uid: str) -> set[tuple[str, datetime]]:
    """(title, start) of every entry but the event's own."""
    return {
        (str(entry["SUMMARY"]), entry.decoded("DTSTART"))
        for entry in entries
        if str(entry["UID"]) != event_uid
    }


def test_the_calendar_rebuilt_from_the_emails_holds_exactly_the_chosen_sessions(stack, event):
    ids = workshops(event)
    morning = [i for t, i in ids.items() if "prima sessione" in t]
    afternoon = [i for t, i in ids.items() if "seconda sessione" in t]
    who = person("Elisa")
    answer = httpx.post(
        f"{stack.url('registrations')}/api/events/{event['slug']}/registrations",
        json={**who, "privacy_consent": True, "sessions": [morning[0], afternoon[0]]},
        timeout=30,
    )
    manage_url = registered(stack, answer.json()).manage_url
    token = manage_url.rsplit("/r/", 1)[1]
    changed = httpx.post(
        f"{stack.url('registrations')}/r/{token}/sessions",
        data={"token": token, "sessions": [morning[1], afternoon[0]]},
        timeout=30,
    )
    chosen_now = chosen(event, [morning[1], afternoon[0]])
    # The emails about their choices (a fact heard after a newer one changes nothing, so a
    # session taken and left before notifications heard of it is never mailed: what must
    # come out right is the calendar)...
    wait_until(
        lambda: calendar_of(stack, who["email"]) == chosen_now,
        timeout=90,
        what="the person's calendar to hold the sessions they chose",
    )
    moved = move_session(stack, event, afternoon[0], timedelta(minutes=30))
    expected = chosen(moved, [morning[1], afternoon[0]])
    # ...then the one about the session the organizer moved.
    wait_until(
        lambda: calendar_of(stack, who["email"]) == expected,
        timeout=90,
        what="the person's calendar to follow the moved session",
    )
    mails = mails_to(stack, who["email"])
    feed = feed_of(manage_url)

    assert changed.status_code == 303
    assert chosen_now != expected  # the move did move it
    sent = [str(mail["Message-ID"]) for mail in mails]
    assert len(sent) == len(set(sent)), "an email was sent twice"
    assert sum(str(m["Subject"]).startswith("Sessione modificata") for m in mails) == 1
    calendar = replayed(mails)
    event_uid = uid_of_the_event(mails)
    assert event_uid in calendar  # the event's own entry, beside its sessions
    assert sessions_in(calendar.values(), event_uid) == expected
    assert sessions_in(feed.walk("VEVENT"), event_uid) == expected


def calendar_of(stack: Stack, address: str) -> set[tuple[str, datetime]]:
    """(title, start) of each session in the calendar rebuilt from the person's emails."""
    mails = mails_to(stack, address)
    return sessions_in(replayed(mails).values(), uid_of_the_event(mails))


def uid_of_the_event(mails: list[EmailMessage]) -> str:
    """The UID of the event's own entry: its confirmation's invite ("" before it came)."""
    for mail in mails:
        if str(mail["Subject"]).startswith("Iscrizione confermata"):
            return next(str(entry["UID"]) for entry in invite(mail).walk("VEVENT"))
    return ""


def mails_to(stack: Stack, address: str) -> list[EmailMessage]:
    return [
        message
        for message in read_messages(stack.maildir)
        if message["To"].addresses[0].addr_spec == address
    ]


def move_session(stack: Stack, event: dict, item_id: int, by: timedelta) -> dict:
    """The organizer moves one session later by `by`; the event as published then."""
    headers = organizer_headers(stack, ORG)
    with httpx.Client(base_url=stack.url("events"), headers=headers, timeout=30) as client:
        payload = client.get(f"/api/organizer/events/{event['id']}/input").json()
        for item in payload["programme"]:
            if item.get("id") == item_id:
                for end in ("starts_at", "ends_at"):
                    item[end] = (datetime.fromisoformat(item[end]) + by).isoformat()
        answer = client.put(f"/api/organizer/events/{event['id']}", json=payload)
        assert answer.status_code == 200, answer.text
        public = client.get(f"/api/events/{event['slug']}")
        assert public.status_code == 200, public.text
        return dict(public.json())


def chosen(event: dict, item_ids: list[int]) -> set[tuple[str, datetime]]:
    return {
        (item["title"], datetime.fromisoformat(item["starts_at"]))
        for item in event["programme"]
        if item.get("id") in item_ids
    }


def feed_of(manage_url: str) -> Calendar:
    page = httpx.get(manage_url, timeout=30)
    feed_url = unescape(page.text.split('id="feed-https" class="text-break">', 1)[1].split("<")[0])
    answer = httpx.get(feed_url, timeout=30)
    assert answer.status_code == 200, answer.text
    return Calendar.from_ical(answer.content)

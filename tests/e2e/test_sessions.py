"""Picking sessions of a two-day assembly with parallel workshops, through the real services:
the registration form lists the workshops with their seats left, a person picks one of each
round, two at the same time are refused with a message and nothing is written, the API
refuses them too; the organizers' list shows who holds a seat and who waits."""

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape

import httpx
import pytest

from devstack.stack import Stack
from tests.manage.bus import registered
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

"""Signed links and codes that are altered, expired, someone else's or plain garbage: a clear
refusal every time, never a server error, and nothing changed. (tests/manage/test_bad_links
covers the manage, confirm and accept pages' main cases; these add the ticket, the feed, the
console pass and the rest of the manage pages.)"""

import base64
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from services.registrations.domain.links import Link, make_token, ticket_payload
from shared.settings import DEVELOPMENT_SECRET
from tests.hostile.conftest import ORG, World
from tests.manage.pages import link
from tests.support.system import conference, publish, wait_until_registrable

pytestmark = pytest.mark.e2e

PAST = datetime.now(UTC) - timedelta(hours=1)
# What a careless copy, a curious person or a fuzzer puts where a token goes.
GARBAGE = [
    "x",
    ".",
    "..",
    "a.b.c",
    "%00",
    "é.é",
    "=" * 8,
    "x" * 3000,
    "eA.",  # base64 of "x", unsigned
    "YXxifGM.",  # "a|b|c", unsigned
    "YXxifGN8ZA.0",  # "a|b|c|d"
    "__.--",
]
MANAGE_PAGES = [
    "/r/{}",
    "/r/{}/event.ics",
    "/r/{}/data.json",
    "/r/{}/cancel",
    "/r/{}/certificate.pdf",
    "/r/{}/questionnaire",
]
LINK_PAGES = [*MANAGE_PAGES, "/confirm/{}", "/accept/{}"]


def token(registration_id: str, purpose: str, expires: datetime | None = None) -> str:
    return make_token(Link(registration_id, purpose, expires), secret=DEVELOPMENT_SECRET)


def register(world: World, witness, slug: str | None = None) -> tuple[str, str]:
    """A new person at the conference (or `slug`): their registration id and email."""
    email = f"{uuid.uuid4().hex[:10]}@comune-test.it"
    body = {"first_name": "Anna", "last_name": "Bruno", "email": email, "privacy_consent": True}
    with witness.client(world.url("registrations")) as api:
        answer = api.post(f"/api/events/{slug or world.slug}/registrations", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"], email


def ticket(world: World, registration_id: str) -> str:
    """What the person's QR code holds, made as their ticket page makes it."""
    with sqlite3.connect(world.stack.config.var_dir / "registrations.db", timeout=30) as db:
        query = "SELECT ticket_code FROM registration WHERE id = ?"
        (code,) = db.execute(query, (registration_id,)).fetchone()
    return ticket_payload(registration_id, code, secret=DEVELOPMENT_SECRET)


@pytest.mark.parametrize("page", LINK_PAGES)
@pytest.mark.parametrize("garbage", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_a_link_is_refused(world, witness, page, garbage):
    with witness.client(world.url("registrations")) as person:
        answer = person.get(page.format(garbage))

    assert answer.status_code in (400, 404), answer.status_code


@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_an_expired_manage_link_is_gone_on_every_page(world, witness, page):
    registration_id, _ = register(world, witness)

    with witness.client(world.url("registrations")) as person:
        answer = person.get(page.format(token(registration_id, "manage", PAST)))

    assert answer.status_code == 410


def test_an_expired_or_tampered_link_cannot_cancel(world, witness):
    registration_id, _ = register(world, witness)
    live = token(registration_id, "manage")

    with witness.client(world.url("registrations")) as person:
        expired = token(registration_id, "manage", PAST)
        late = person.post(f"/r/{expired}/cancel", data={"token": expired})
        tampered = live[:-1] + ("a" if live[-1] != "a" else "b")
        altered = person.post(f"/r/{tampered}/cancel", data={"token": tampered})
        page = person.get(f"/r/{live}")

    assert (late.status_code, altered.status_code) == (410, 400)
    assert 'data-status="confirmed"' in page.text


def test_an_expired_offer_link_is_gone(world, witness):
    registration_id, _ = register(world, witness)

    with witness.client(world.url("registrations")) as person:
        answer = person.get(f"/accept/{token(registration_id, 'accept1', PAST)}")

    assert answer.status_code == 410


def feed_of(world: World, witness, registration_id: str) -> str:
    """The path of the person's feed, as their manage page links it."""
    with witness.client(world.url("registrations")) as person:
        page = person.get(f"/r/{token(registration_id, 'manage')}").text
    return "/" + link(page, "feed-https").split("/", 3)[3]


def test_a_feed_address_altered_or_made_up_is_not_found(world, witness):
    mine, _ = register(world, witness)
    theirs, _ = register(world, witness)
    own, other = feed_of(world, witness, mine), feed_of(world, witness, theirs)
    altered = own.removesuffix(".ics").rsplit("/", 1)[1]
    altered = altered[:-1] + ("a" if altered[-1] != "a" else "b")

    with witness.client(world.url("registrations")) as person:
        answers = [person.get(own), person.get(other)]
        refused = [
            person.get(f"/feeds/people/{garbage}.ics").status_code
            for garbage in [*GARBAGE, altered, ""]
            if "/" not in garbage and "%" not in garbage
        ]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert own != other
    assert set(refused) == {404}


@pytest.mark.parametrize("garbage", ["x", "a.b.c", "é.é", "YXxifGM."], ids=range(4))
def test_a_feed_address_of_the_previous_release_is_gone_whatever_it_names(world, witness, garbage):
    _, email = register(world, witness)
    in_base64 = base64.urlsafe_b64encode(email.encode()).decode().rstrip("=")

    with witness.client(world.url("registrations")) as person:
        real = person.get(f"/feeds/people/{in_base64}/{'0' * 40}.ics")
        made_up = person.get(f"/feeds/people/{quote(garbage, safe='')}/{'0' * 40}.ics")

    assert (real.status_code, made_up.status_code) == (410, 410)
    assert real.text == made_up.text
    assert "non è più in uso" in real.text


@pytest.fixture(scope="module")
def elsewhere(world, witness) -> tuple[str, str]:
    """Another conference of the same organization, with a person registered to it."""
    event = publish(world.stack, conference(), ORG)
    wait_until_registrable(world.stack, event["slug"])
    return event["slug"], register(world, witness, event["slug"])[0]


def check_in(world: World, witness, code: str):
    with witness.client(world.url("registrations"), headers=world.organizer) as door:
        return door.post(f"/api/organizer/events/{world.slug}/checkins", json={"code": code})


def test_a_ticket_of_another_conference_is_not_one_of_this(world, witness, elsewhere):
    _, registration_id = elsewhere

    answer = check_in(world, witness, ticket(world, registration_id))

    assert answer.status_code == 404


def test_a_ticket_signed_for_another_person_is_refused(world, witness):
    first, _ = register(world, witness)
    second, _ = register(world, witness)
    _, _, signature = ticket(world, first).split(":")

    answer = check_in(world, witness, f"CVG1:{second}:{signature}")

    assert answer.status_code == 422


def test_a_ticket_of_a_cancelled_registration_does_not_get_in(world, witness):
    registration_id, _ = register(world, witness)
    manage = token(registration_id, "manage")
    with witness.client(world.url("registrations")) as person:
        person.post(f"/r/{manage}/cancel", data={"token": manage})

    answer = check_in(world, witness, ticket(world, registration_id))

    assert answer.status_code == 409


@pytest.mark.parametrize("garbage", [*GARBAGE, "CVG1::", "CVG1:x:y:z", "CVG1:" + "é" * 150])
def test_garbage_at_the_door_is_refused(world, witness, garbage):
    answer = check_in(world, witness, garbage)

    assert answer.status_code in (404, 422)


@pytest.mark.parametrize("garbage", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_passes_and_cookies_are_refused(world, witness, garbage):
    with witness.client(world.url("registrations")) as browser:
        entered = browser.get("/organizer/enter", params={"pass": garbage})
        browser.cookies.set("convegni_staff", quote(garbage))  # a cookie is ASCII
        page = browser.get(f"/organizer/events/{world.slug}")
    with witness.client(world.url("events")) as browser:
        browser.cookies.set("convegni_session", quote(garbage))
        console = browser.get(f"/console/{ORG}/events")

    assert (entered.status_code, page.status_code) == (401, 401)
    assert "set-cookie" not in entered.headers
    assert console.status_code == 303
    assert console.headers["location"].startswith("/console/login")

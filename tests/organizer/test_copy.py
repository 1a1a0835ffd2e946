"""The organizer pages as a clerk reads them: counts agreeing with their nouns, the
organization by name, a date-only event without a time, Italian titles marked on English
pages."""

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from devstack.demo import move_to_next_occurrence
from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.organizer.conftest import csrf_of, wait_for_token
from tests.support.reading import said
from tests.support.system import (
    ADMIN_HEADERS,
    conference,
    organizer_headers,
    publish,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e

NAMED = ("comune-di-pandino", "Comune di Pandino")


def named_organization_event(stack, **changes) -> tuple[str, httpx.Client]:
    """An event of an organization whose name is not its slug, and an organizer's browser
    that came from the console with a pass."""
    slug, name = NAMED
    with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
        made = admin.post("/api/admin/organizations", json={"slug": slug, "name": name})
        assert made.status_code in (201, 409), made.text
    payload = move_to_next_occurrence(conference(**changes), date.today() + timedelta(days=7))
    event = publish(stack, payload, slug)
    wait_until_registrable(stack, event["slug"])
    wait_for_token(stack, event["slug"], organizer_headers(stack, slug), 200)
    browser = httpx.Client(base_url=stack.url("registrations"), timeout=30)
    handed = make_pass(
        {"org": slug, "role": "editor", "actor": "tester@comune-test.it"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )
    page = f"/organizer/events/{event['slug']}"
    assert browser.get("/organizer/enter", params={"pass": handed, "next": page}).is_redirect
    return page, browser


def test_door_page_says_one_present_then_two_present(published):
    conference = published()
    first, second = conference.register(), conference.register("Anna")
    browser = conference.enter()
    door = f"{conference.page}/checkin"

    def check_in(person: dict) -> None:
        form = {"csrf": csrf_of(browser.get(door).text), "registration_id": person["id"]}
        assert browser.post(door, data=form).status_code == 200

    check_in(first)
    one = said(browser.get(door).text)
    one_en = said(browser.get(door, params={"lang": "en"}).text)
    check_in(second)
    two = said(browser.get(door).text)

    assert "1 presente su 2 confermati" in one
    assert "1 checked in of 2 confirmed" in one_en
    assert "2 presenti su 2 confermati" in two


def test_door_page_keeps_both_forms_for_the_refresh(published):
    conference = published()
    conference.register()
    browser = conference.enter()

    page = browser.get(f"{conference.page}/checkin").text

    assert 'id="checked-in-word" data-one="presente su" data-other="presenti su"' in page
    assert 'id="confirmed-word" data-one="confermato" data-other="confermati">confermato' in page


def test_organizer_pages_name_the_organization_not_its_address(stack):
    page, browser = named_organization_event(stack)

    for path in (page, f"{page}/checkin", f"{page}?lang=en"):
        text = said(browser.get(path).text)
        assert f"{NAMED[1]} (" in text, path
        assert NAMED[0] not in text, path


def test_organizer_heading_shows_a_date_only_event_without_a_time(stack):
    page, browser = named_organization_event(stack, times_announced=False)

    answer = browser.get(page)

    heading = answer.text.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert ":" not in said(heading)
    assert "00:00" not in said(answer.text)


def test_english_organizer_page_marks_the_italian_title(published):
    conference = published()
    browser = conference.enter()

    english = browser.get(conference.page, params={"lang": "en"}).text
    italian = browser.get(conference.page).text

    assert '<h1 class="h2" lang="it">' in english
    assert '<h1 class="h2">' in italian

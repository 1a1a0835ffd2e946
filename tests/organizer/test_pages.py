"""The summary of an event, and the organizer pages as people read them."""

import httpx
import pytest

from tests.support.html import html_problems

pytestmark = pytest.mark.e2e


def test_summary_counts_modes_organizations_needs_and_attendance(published):
    conference = published(capacity=2)
    arrived = conference.register(accessibility=["sign_language", "wheelchair"])
    conference.register("Anna", organization="Comune di Lodi", accessibility=["hearing_loop"])
    conference.register(
        "Luca", organization=None, accessibility=["other"], accessibility_other="Sedia vicina"
    )
    conference.client.post(
        f"{conference.api}/checkins",
        json={"registration_id": arrived["id"]},
        headers=conference.staff,
    )

    summary = conference.summary()

    assert summary == {
        "by_status": {"confirmed": 2, "waitlisted": 1},
        "by_mode": {"in_person": 3},
        "by_organization": {"Comune di Crema": 1, "Comune di Lodi": 1, "": 1},
        "accessibility": {
            "sign_language": 1,
            "wheelchair": 1,
            "hearing_loop": 1,
            "other": 1,
            "other_texts": ["Sedia vicina"],
        },
        "attendance": {"checked_in": 1, "confirmed": 2},
    }


def test_list_filters_by_status_organization_and_text(published):
    conference = published(capacity=1)
    conference.register("Maria")
    conference.register("Anna", organization="Comune di Lodi")
    conference.register("Luca", last_name="Bianchi_%")

    def names(**query: str) -> list[str]:
        found = conference.client.get(
            f"{conference.api}/registrations", params=query, headers=conference.staff
        )
        return [row["first_name"] for row in found.json()]

    assert names(status="waitlisted") == ["Anna", "Luca"]
    assert names(organization="Comune di Lodi") == ["Anna"]
    assert names(q="bianchi_%") == ["Luca"]
    assert names(q="_") == ["Luca"]
    assert names(mode="online") == []


def test_event_page_shows_counts_needs_and_people(published):
    conference = published()
    conference.register(accessibility=["other"], accessibility_other="Leggio basso")
    browser = conference.enter()

    page = browser.get(conference.page)
    english = browser.get(conference.page, params={"lang": "en"})

    assert "Presenti: 0 su 1 iscrizione confermata." in page.text
    assert "Leggio basso" in page.text
    assert "Maria Rossi" in page.text
    assert "Checked in: 0 of 1 confirmed registration." in english.text


def test_page_without_a_console_cookie_points_to_the_console(published):
    conference = published()

    answer = httpx.get(f"{conference.stack.url('registrations')}{conference.page}?lang=en")

    assert answer.status_code == 401
    assert "Please open this page again from the organizer console." in answer.text


@pytest.mark.parametrize(
    "path",
    ["", "?status=waitlisted&lang=en", "/checkin?q=Rossi", "/registrations/{id}/erase", "/add"],
    ids=["registrations", "filtered-english", "door", "erase", "add-a-person"],
)
def test_organizer_pages_are_valid_html(published, path):
    conference = published(capacity=1)
    conference.register(accessibility=["other"], accessibility_other="Leggio")
    waiting = conference.register("Anna")
    browser = conference.enter()

    page = browser.get(conference.page + path.format(id=waiting["id"]))

    assert page.status_code == 200
    assert html_problems(page.text) == []


def test_refusal_page_is_valid_html(published):
    conference = published()

    answer = httpx.get(f"{conference.stack.url('registrations')}{conference.page}")

    assert html_problems(answer.text) == []

"""Changes to a published event, announced on purpose: the console saves edits without
publishing them, shows what participants will be told, and publishes them together, with or
without notice, or puts the published event back."""

import json
import re
from datetime import date, timedelta

import httpx
import pytest

from tests.console.browserless import form_on
from tests.console.payloads import api_get, event_day, small_event
from tests.support.html import html_problems
from tests.support.reading import said
from tests.support.system import publish

pytestmark = pytest.mark.e2e


@pytest.fixture
def published(stack, organization):
    """A published event of the organization: its console address and its snapshot."""
    event = publish(stack, small_event(organization.slug), organization=organization.slug)
    return f"/console/{organization.slug}/events/{event['id']}", event


def day_after(days: int) -> str:
    """`days` after the payloads' event day."""
    return (date.fromisoformat(event_day()) + timedelta(days=days)).isoformat()


def revision_numbers(console, event_url: str) -> list[str]:
    return re.findall(r'<th scope="row">(\d+)</th>', console.get(f"{event_url}/revisions").text)


def told_lines(page: str, language: str) -> list[str]:
    """The lines the review page says the email will list, in `language`."""
    found = re.search(rf'<ul lang="{language}" class="told"[^>]*>(.*?)</ul>', page, re.S)
    assert found, f"no {language} lines on the page"
    return [said(line) for line in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]


def public_page(stack, event) -> str:
    return said(httpx.get(f"{stack.url('events')}/events/{event['slug']}").text)


def remove_second_speaker(console, event_url: str, event) -> httpx.Response:
    [item] = event["programme"]
    edit = f"{event_url}/programme/{item['id']}/edit"
    return console.submit(edit, edit, speaker_1="")


def test_edits_of_a_published_event_are_saved_not_published(logged_in, stack, published):
    event_url, event = published

    answer = logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", subtitle="Seconda edizione")
    overview = logged_in.get(event_url).text

    assert answer.status_code == 303
    assert "Modifiche non pubblicate" in overview
    assert f'href="{event_url}/changes"' in overview
    assert revision_numbers(logged_in, event_url) == ["1"]
    assert "Seconda edizione" not in public_page(stack, event)


def test_review_page_says_what_the_email_will_list_in_both_languages(logged_in, published):
    event_url, event = published
    removed = event["programme"][0]["speakers"][1]["name"]
    remove_second_speaker(logged_in, event_url, event)
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", start_time="09:15")

    page = logged_in.get(f"{event_url}/changes").text

    assert told_lines(page, "it") == [
        "inizio 09:00 -> 09:15",
        f"{removed} rimosso da '{event['programme'][0]['title']}'",
    ]
    assert told_lines(page, "en")[0] == "start 09:00 -> 09:15"
    assert "nuovo invito di calendario" in said(page)
    assert "Pubblica e avvisa i partecipanti" in page
    assert "Pubblica senza avvisare" not in page
    assert "sono cambiati l'orario o il luogo" in said(page)
    assert html_problems(page) == []


def test_several_edits_published_together_make_one_revision(logged_in, stack, published):
    event_url, event = published
    remove_second_speaker(logged_in, event_url, event)
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", subtitle="Seconda edizione")
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", description="Ingresso libero.")
    review = f"{event_url}/changes"
    page = logged_in.get(review).text

    answer = logged_in.submit(review, f"{review}/publish")
    rows = logged_in.get(f"{event_url}/revisions").text
    overview = logged_in.get(event_url).text

    assert "Pubblica senza avvisare" in page  # nothing moved in time or place
    assert answer.headers["location"].endswith("?done=announced")
    assert revision_numbers(logged_in, event_url) == ["2", "1"]
    assert "sottotitolo" in said(rows) and "rimosso da" in said(rows)
    assert "Modifiche non pubblicate" not in overview
    assert "Seconda edizione" in public_page(stack, event)


def test_publishing_without_notice_publishes_and_says_so(logged_in, stack, organization, published):
    event_url, event = published
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", subtitle="Refuso corretto")
    review = f"{event_url}/changes"
    quiet = {**form_on(logged_in.get(review).text, f"{review}/publish"), "notify": "no"}

    answer = logged_in.post(f"{review}/publish", quiet)
    revisions = api_get(stack, organization.slug, f"/api/organizer/events/{event['id']}/revisions")

    assert answer.headers["location"].endswith("?done=published_quietly")
    assert [(r["revision"], r["notified"]) for r in revisions] == [(2, False), (1, True)]
    assert "Refuso corretto" in public_page(stack, event)


def test_publishing_a_new_time_without_notice_is_refused(logged_in, published):
    event_url, _ = published
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", start_time="09:15")
    review = f"{event_url}/changes"
    quiet = {**form_on(logged_in.get(review).text, f"{review}/publish"), "notify": "no"}

    answer = logged_in.post(f"{review}/publish", quiet)

    assert answer.status_code == 409
    assert "calendar invite" in said(answer.text)
    assert revision_numbers(logged_in, event_url) == ["1"]
    assert "Modifiche non pubblicate" in logged_in.get(event_url).text


def test_publishing_what_moved_since_it_was_read_is_refused(logged_in, published):
    event_url, _ = published
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", subtitle="Prima modifica")
    review = f"{event_url}/changes"
    read = form_on(logged_in.get(review).text, f"{review}/publish")
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", subtitle="Un'altra modifica")

    answer = logged_in.post(f"{review}/publish", read)

    assert answer.status_code == 409
    assert revision_numbers(logged_in, event_url) == ["1"]


def test_discarding_puts_back_the_published_event_and_its_items(
    logged_in, stack, organization, published
):
    event_url, event = published
    [item] = event["programme"]
    remove = f"{event_url}/programme/{item['id']}/remove"
    logged_in.submit(remove, remove)
    logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", title="Titolo provvisorio")
    review = f"{event_url}/changes"

    answer = logged_in.submit(review, f"{review}/discard")
    current = api_get(stack, organization.slug, f"/api/organizer/events/{event['id']}")
    overview = logged_in.get(event_url).text

    assert answer.headers["location"].endswith("?done=discarded")
    assert current["title"] == event["title"]
    assert current["programme"] == event["programme"]
    assert "Modifiche non pubblicate" not in overview
    assert revision_numbers(logged_in, event_url) == ["1"]


def test_review_page_without_saved_changes_says_there_is_nothing(logged_in, published):
    event_url, _ = published

    page = logged_in.get(f"{event_url}/changes").text

    assert "Nessuna modifica da pubblicare" in page
    assert "Pubblica e avvisa" not in page


def test_public_list_orders_by_the_published_dates_not_the_saved_ones(
    logged_in, stack, organization
):
    sooner = {**small_event(f"{organization.slug}-prima"), "programme": []}
    later = json.loads(
        json.dumps(small_event(f"{organization.slug}-dopo")).replace(event_day(), day_after(1))
    )
    later["programme"] = []
    first = publish(stack, sooner, organization=organization.slug)
    second = publish(stack, later, organization=organization.slug)
    event_url = f"/console/{organization.slug}/events/{first['id']}"

    moved = logged_in.submit(f"{event_url}/edit", f"{event_url}/edit", date=day_after(10))
    listing = said(httpx.get(f"{stack.url('events')}/?organizer={organization.slug}").text)

    assert moved.status_code == 303
    assert listing.index(first["title"]) < listing.index(second["title"])

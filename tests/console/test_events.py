"""Events in the console: the form, the overview, preview, publishing and cancelling."""

import json
import re
from datetime import date, timedelta

import httpx
import pytest

from tests.console.browserless import form_on
from tests.console.payloads import created, event_day, small_event
from tests.support.html import html_problems
from tests.support.system import publish

pytestmark = pytest.mark.e2e


def new_event_form(organization, **changes: str) -> dict[str, str]:
    return {
        "title": f"Welfare locale {organization.slug}",
        "date": event_day(),
        "start_time": "09:00",
        "end_time": "13:00",
        "venue_name": f"Sala consiliare {organization.slug}",
        "venue_city": "Crema",
        "attendance_mode": "in_person",
        "capacity": "80",
        "topics": "Welfare locale, Politiche sociali",
        **changes,
    }


def summary(page: str) -> str:
    return page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]


def test_new_event_is_created_as_a_draft_and_listed(logged_in, organization):
    events = f"/console/{organization.slug}/events"

    answer = logged_in.submit(f"{events}/new", f"{events}/new", **new_event_form(organization))
    overview = logged_in.get(answer.headers["location"])
    listing = logged_in.get(events).text

    assert answer.status_code == 303
    assert "Bozza creata." in overview.text
    assert "Bozza" in overview.text
    assert f"Welfare locale {organization.slug}" in listing
    assert (
        "welfare-locale" in logged_in.get(answer.headers["location"].split("?")[0] + "/edit").text
    )


def test_event_form_with_problems_keeps_what_was_typed(logged_in, organization):
    new = f"/console/{organization.slug}/events/new"
    typed = new_event_form(organization, title="", capacity="tanti", venue_name="")

    answer = logged_in.submit(new, new, **typed)

    assert answer.status_code == 422
    assert re.findall(r'href="#(\w+)"', summary(answer.text)) == ["title", "venue_id", "capacity"]
    assert re.search(r'id="capacity"[^>]*value="tanti"[^>]*aria-invalid="true"', answer.text)
    assert 'value="Welfare locale, Politiche sociali"' in answer.text


def test_event_ending_before_it_starts_is_said_on_the_end_time(logged_in, organization):
    new = f"/console/{organization.slug}/events/new"

    answer = logged_in.submit(new, new, **new_event_form(organization, end_time="08:00"))

    assert answer.status_code == 422
    assert "Ora di fine: la fine deve venire dopo l&#39;inizio" in summary(answer.text)


def test_event_in_an_absurd_year_is_said_on_the_dates_typed(logged_in, organization):
    new = f"/console/{organization.slug}/events/new"
    typed = new_event_form(organization, date="9999-12-31", registration_opens="1900-01-01T09:00")

    answer = logged_in.submit(new, new, **typed)

    assert answer.status_code == 422
    assert re.findall(r'href="#(\w+)"', summary(answer.text)) == ["date", "registration_opens"]
    assert "Data: l&#39;anno deve essere tra il 2000 e il 2100" in summary(answer.text)
    assert 'value="9999-12-31"' in answer.text


def test_moving_the_start_of_a_published_event_makes_a_calendar_revision_once_published(
    logged_in, stack, organization
):
    event = publish(stack, small_event(organization.slug), organization=organization.slug)
    url = f"/console/{organization.slug}/events/{event['id']}"

    answer = logged_in.submit(f"{url}/edit", f"{url}/edit", start_time="09:15")
    logged_in.submit(f"{url}/changes", f"{url}/changes/publish")
    revisions = logged_in.get(f"{url}/revisions").text

    assert answer.status_code == 303
    assert "<td>sì</td>" in revisions
    assert "inizio 09:00 -&gt; 09:15" in revisions
    assert re.findall(r'<th scope="row">(\d+)</th>', revisions) == ["2", "1"]


def test_edit_form_keeps_the_programme(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    url = f"/console/{organization.slug}/events/{event['id']}"

    logged_in.submit(f"{url}/edit", f"{url}/edit", subtitle="Seconda edizione")
    programme = logged_in.get(f"{url}/programme").text

    assert f"Relazione {organization.slug}" in programme
    assert "Seconda edizione" in logged_in.get(url).text


def test_preview_of_a_draft_shows_the_public_page_uncached(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))

    answer = logged_in.get(f"/console/{organization.slug}/events/{event['id']}/preview")
    public = httpx.get(f"{stack.url('events')}/events/{event['slug']}")

    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert 'role="status">Anteprima: questa bozza non è pubblica' in answer.text
    assert f"Relazione {organization.slug}" in answer.text
    assert ">Iscriviti<" not in answer.text
    assert public.status_code == 404


def test_publish_then_cancel_after_confirming(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    url = f"/console/{organization.slug}/events/{event['id']}"
    published = logged_in.submit(url, f"{url}/publish")

    confirm = logged_in.get(f"{url}/cancel")
    cancelled = logged_in.submit(f"{url}/cancel", f"{url}/cancel", reason="Maltempo")
    overview = logged_in.get(cancelled.headers["location"]).text
    public = httpx.get(f"{stack.url('events')}/events/{event['slug']}").text

    assert published.headers["location"].endswith("?done=published")
    assert "calendari dei partecipanti" in confirm.text
    assert "Evento annullato." in overview
    assert "Questo evento è stato annullato." in public


def test_an_ended_event_is_marked_completed_from_the_console(logged_in, stack, organization):
    past = (date.today() - timedelta(days=3)).isoformat()
    payload = json.loads(json.dumps(small_event(organization.slug)).replace(event_day(), past))
    event = created(stack, organization.slug, payload)
    upcoming = created(stack, organization.slug, small_event(f"{organization.slug}-next"))
    url = f"/console/{organization.slug}/events/{event['id']}"
    upcoming_url = f"/console/{organization.slug}/events/{upcoming['id']}"
    logged_in.submit(url, f"{url}/publish")
    logged_in.submit(upcoming_url, f"{upcoming_url}/publish")

    offered = logged_in.get(url).text
    completed = logged_in.submit(url, f"{url}/complete")
    overview = logged_in.get(completed.headers["location"]).text
    not_yet = logged_in.get(upcoming_url).text

    assert "Segna come concluso" in offered and "Annulla l&#39;evento" not in offered
    assert completed.headers["location"].endswith("?done=completed")
    assert "Evento segnato come concluso." in overview
    assert "Segna come concluso" not in overview
    assert "Segna come concluso" not in not_yet and "Annulla l&#39;evento" in not_yet


def test_dates_wholly_in_the_past_are_asked_about_then_saved_anyway(logged_in, stack, organization):
    payload = small_event(organization.slug) | {"programme": []}  # items keep their day
    event = created(stack, organization.slug, payload)
    url = f"/console/{organization.slug}/events/{event['id']}"
    past = (date.today() - timedelta(days=3)).isoformat()

    asked = logged_in.submit(f"{url}/edit", f"{url}/edit", date=past)
    saved = logged_in.submit(f"{url}/edit", f"{url}/edit", date=past, anyway="1")
    overview = logged_in.get(url).text

    assert asked.status_code == 200
    box = asked.text.split('id="warnings-summary"', 1)[1].split("</div>", 1)[0]
    assert "L&#39;evento è tutto nel passato" in box
    assert "Salva comunque" in box
    assert saved.status_code == 303
    assert "L&#39;evento è tutto nel passato" in overview
    assert re.search(r'aria-describedby="event-warnings">Pubblica comunque</button>', overview)


def test_console_speaks_english_when_asked(logged_in, organization):
    answer = logged_in.get(f"/console/{organization.slug}/events/new?lang=en")

    assert '<html lang="en">' in answer.text
    assert "Seats in the room" in answer.text
    assert f'action="/console/{organization.slug}/events/new?lang=en"' in answer.text


PAGES = ["", "/edit", "/programme", "/preview", "/revisions", "/cancel", "/changes"]


@pytest.mark.parametrize("page", PAGES)
def test_event_pages_are_valid_html(logged_in, stack, organization, page):
    event = publish(stack, small_event(organization.slug), organization=organization.slug)

    answer = logged_in.get(f"/console/{organization.slug}/events/{event['id']}{page}")

    assert answer.status_code == 200
    assert html_problems(answer.text) == []


def test_every_form_field_has_a_label(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    url = f"/console/{organization.slug}/events/{event['id']}"

    page = logged_in.get(f"{url}/edit").text
    fields = form_on(page, f"{url}/edit")

    unlabelled = [name for name in fields if name != "csrf" and f'<label for="{name}"' not in page]
    assert unlabelled == []

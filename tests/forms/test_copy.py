"""The form as a citizen reads it: seats left agreeing with their number, the event's
Italian title marked on the English form, a date-only event without a time, and a failed
submit that reopens at the error summary."""

import pytest

from tests.forms.visitor import person
from tests.support.reading import said

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("capacity", "lang", "sentence"),
    [
        (1, "it", "Resta 1 posto in sala."),
        (2, "it", "Restano 2 posti in sala."),
        (1, "en", "1 seat left in the room."),
        (2, "en", "2 seats left in the room."),
    ],
)
def test_seats_left_agree_with_their_number(new_event, visitor, capacity, lang, sentence):
    event = new_event(capacity=capacity)

    page = visitor(event["slug"], lang=lang).open()

    assert sentence in said(page.text)


def test_online_seats_left_agree_with_their_number(new_event, visitor):
    event = new_event(attendance_mode="hybrid", capacity=3, online_capacity=1)

    page = said(visitor(event["slug"]).open().text)

    assert "Restano 3 posti in sala. Resta 1 posto online." in page


def test_english_form_marks_the_italian_title_and_venue(new_event, visitor):
    event = new_event()

    english = visitor(event["slug"], lang="en").open().text
    italian = visitor(event["slug"]).open().text

    assert f'<h1 class="h2" lang="it">{event["title"]}</h1>' in english.replace("&#39;", "'")
    assert ' lang="it"' not in italian.split("<body>", 1)[1]


def test_date_only_event_is_shown_without_a_time(new_event, visitor):
    event = new_event(times_announced=False)

    page = visitor(event["slug"]).open().text

    heading = page.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert ":" not in said(heading)


def test_failed_submit_reopens_at_the_error_summary(new_event, visitor):
    event = new_event()
    at_form = visitor(event["slug"], lang="en")

    page = at_form.open().text
    refused = at_form.post({**person("no-name"), "first_name": ""})

    assert 'action="' + f"/events/{event['slug']}/register?lang=en#error-summary" + '"' in page
    assert refused.status_code == 422
    assert 'id="error-summary" tabindex="-1"' in refused.text
    assert 'document.getElementById("error-summary").focus()' in refused.text

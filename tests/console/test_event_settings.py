"""The event's registration and reminder settings in the console's event form (issue 14):
reminders and "still coming?" set or switched off by a clerk, each field explained, and the
way on to the registrations service's settings and form pages."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.console.payloads import api_get, created, small_event

pytestmark = pytest.mark.e2e


def test_reminders_set_in_the_event_form_are_what_the_event_keeps(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    edit = f"/console/{organization.slug}/events/{event['id']}/edit"
    changes = {"reminder_hours_before": "", "still_coming_days_before": "3", "thanks_after": ""}

    saved = logged_in.submit(edit, edit, **changes)
    kept = api_get(stack, organization.slug, f"/api/organizer/events/{event['id']}")
    form = logged_in.get(edit).text

    assert saved.status_code == 303, saved.text
    assert (kept["reminder_hours_before"], kept["still_coming_days_before"]) == (None, 3.0)
    assert kept["thanks_after"] is False
    assert 'aria-describedby="reminder_hours_before-hint"' in form
    assert "Vuoto: nessun promemoria." in form
    assert "Iscrizioni e promemoria" in form


def test_a_reminder_time_that_is_not_a_number_is_said_on_its_field(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    edit = f"/console/{organization.slug}/events/{event['id']}/edit"

    refused = logged_in.submit(edit, edit, reminder_hours_before="domani")
    too_far = logged_in.submit(edit, edit, still_coming_days_before="90")
    kept = api_get(stack, organization.slug, f"/api/organizer/events/{event['id']}")

    assert refused.status_code == 422
    assert 'href="#reminder_hours_before"' in refused.text.split('id="error-summary"')[1]
    assert 'id="reminder_hours_before-error"' in refused.text
    assert too_far.status_code == 422
    assert 'id="still_coming_days_before-error"' in too_far.text
    assert kept["reminder_hours_before"] == 24.0, "nothing was saved"


def test_registration_settings_are_reached_from_a_draft_with_a_pass(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    url = f"/console/{organization.slug}/events/{event['id']}"

    draft = logged_in.get(url).text
    hops = {page: logged_in.get(f"{url}/registrations/{page}") for page in ("settings", "form")}
    unknown = logged_in.get(f"{url}/registrations/tokens")

    assert f"{url}/registrations/settings" in draft
    assert f"{url}/registrations/form" in draft
    assert "dopo la pubblicazione" not in draft
    assert "nessuno può iscriversi finché l&#39;evento non è pubblicato" in draft
    for page, hop in hops.items():
        assert hop.status_code == 303
        target = urlsplit(hop.headers["location"])
        assert target.path == "/organizer/enter"
        assert parse_qs(target.query)["next"] == [f"/organizer/events/{event['slug']}/{page}"]
    assert unknown.status_code in (404, 422)


def test_registration_settings_stay_linked_once_published(logged_in, stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    url = f"/console/{organization.slug}/events/{event['id']}"

    logged_in.submit(url, f"{url}/publish")
    published = logged_in.get(url).text

    assert f"{url}/registrations/settings" in published
    assert "nessuno può iscriversi finché" not in published

"""The console as an organizer reads it: a section's items counted in the singular and the
plural, a date-only event with its date alone, focus on a form's problems."""

import re

import pytest

from tests.console.payloads import created, event_day, small_event
from tests.support.reading import said

pytestmark = pytest.mark.e2e


def item_ids(page: str) -> list[str]:
    return re.findall(r'id="item-(\d+)"', page)


def add(console, event_url: str, title: str, start: str, end: str, **more: str):
    programme = f"{event_url}/programme"
    answer = console.submit(
        programme, programme, title=title, start_time=start, end_time=end, **more
    )
    assert answer.status_code == 303, answer.text
    return item_ids(console.get(programme).text)[-1]


def test_removing_a_section_counts_its_items(logged_in, organization, stack):
    event = created(stack, organization.slug, {**small_event(organization.slug), "programme": []})
    url = f"/console/{organization.slug}/events/{event['id']}"
    section = add(logged_in, url, "Prima sessione", "10:30", "12:00", kind="section")
    add(logged_in, url, "Esperienze dai Comuni", "10:30", "11:00", parent=section)
    remove = f"{url}/programme/{section}/remove"

    one = said(logged_in.get(remove).text)
    add(logged_in, url, "Il Piano di zona", "11:00", "11:30", parent=section)
    two = said(logged_in.get(remove).text)
    two_en = said(logged_in.get(f"{remove}?lang=en").text)

    assert "Con la sessione si toglie anche la sua voce." in one
    assert "Con la sessione si tolgono anche le sue 2 voci." in two
    assert "Its 2 items go with the section." in two_en


def test_date_only_event_shows_its_date_alone(logged_in, organization, stack):
    day = event_day()
    payload = {
        **small_event(organization.slug),
        "starts_at": f"{day}T00:00",
        "ends_at": f"{day}T23:59",
        "times_announced": False,
        "programme": [],
    }
    event = created(stack, organization.slug, payload)

    listed = logged_in.get(f"/console/{organization.slug}/events").text
    shown = logged_in.get(f"/console/{organization.slug}/events/{event['id']}").text

    row = listed.split(event["title"], 1)[1].split("</tr>", 1)[0]
    assert "00:00" not in said(row)
    assert "23:59" not in said(shown) and "00:00" not in said(shown)


def test_form_with_problems_moves_focus_to_them(logged_in, organization):
    new = f"/console/{organization.slug}/events/new"

    answer = logged_in.submit(new, new, title="")

    assert 'id="error-summary" tabindex="-1"' in answer.text
    assert 'document.getElementById("error-summary").focus()' in answer.text

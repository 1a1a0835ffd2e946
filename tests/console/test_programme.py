"""The programme editor: each change is one save; a published event's saved changes make
one revision when published."""

import re

import pytest

from tests.console.payloads import created, small_event
from tests.support.system import publish

pytestmark = pytest.mark.e2e


def item_ids(page: str) -> list[str]:
    return re.findall(r'id="item-(\d+)"', page)


def item_titles(page: str) -> list[str]:
    return re.findall(r'id="item-\d+">\s*<p class="mb-1">.*?<strong>(.*?)</strong>', page, re.S)


def revision_rows(page: str) -> dict[str, str]:
    """Revision number -> the text of its row, from the revisions table."""
    rows = re.findall(r'<th scope="row">(\d+)</th>(.*?)</tr>', page, re.S)
    return {number: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for number, row in rows}


@pytest.fixture
def draft(stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    return f"/console/{organization.slug}/events/{event['id']}"


@pytest.fixture
def published(stack, organization):
    event = publish(stack, small_event(organization.slug), organization=organization.slug)
    return f"/console/{organization.slug}/events/{event['id']}", event


def add(console, event_url: str, title: str, start: str, end: str, **more: str):
    return console.submit(
        f"{event_url}/programme",
        f"{event_url}/programme",
        title=title,
        start_time=start,
        end_time=end,
        **more,
    )


def test_removing_a_speaker_from_a_published_item_makes_exactly_one_revision(logged_in, published):
    event_url, event = published
    [item] = event["programme"]
    edit = f"{event_url}/programme/{item['id']}/edit"
    removed = item["speakers"][1]["name"]

    answer = logged_in.submit(edit, edit, speaker_1="")
    logged_in.submit(f"{event_url}/changes", f"{event_url}/changes/publish")
    rows = revision_rows(logged_in.get(f"{event_url}/revisions").text)

    assert answer.status_code == 303
    assert list(rows) == ["2", "1"]
    assert f"{removed} rimosso da" in rows["2"]
    assert item["speakers"][0]["name"] not in rows["2"]


def test_items_are_added_in_time_order(logged_in, draft):
    add(logged_in, draft, "Chiusura", "12:30", "13:00", kind="closing")
    add(logged_in, draft, "Saluti", "09:00", "09:15", kind="greetings")

    page = logged_in.get(f"{draft}/programme").text

    assert item_titles(page)[0] == "Saluti"
    assert item_titles(page)[-1] == "Chiusura"


def test_editing_an_item_keeps_every_item_id(logged_in, draft):
    add(logged_in, draft, "Dibattito", "11:00", "11:30", kind="debate")
    before = item_ids(logged_in.get(f"{draft}/programme").text)
    edit = f"{draft}/programme/{before[0]}/edit"

    answer = logged_in.submit(edit, edit, title="Relazione introduttiva")
    page = logged_in.get(f"{draft}/programme").text

    assert answer.status_code == 303
    assert item_ids(page) == before
    assert item_titles(page) == ["Relazione introduttiva", "Dibattito"]


def test_moving_down_swaps_an_item_with_the_next(logged_in, draft):
    add(logged_in, draft, "Dibattito", "11:00", "11:30", kind="debate")
    first, second = item_ids(logged_in.get(f"{draft}/programme").text)
    move = f"{draft}/programme/{first}/move"

    answer = logged_in.post(move, {"csrf": logged_in.csrf(), "direction": "down"})

    assert answer.status_code == 303
    assert item_ids(logged_in.get(f"{draft}/programme").text) == [second, first]


def test_removing_asks_first_then_removes(logged_in, draft):
    [item] = item_ids(logged_in.get(f"{draft}/programme").text)
    remove = f"{draft}/programme/{item}/remove"

    asked = logged_in.get(remove)
    answer = logged_in.submit(remove, remove)

    assert "sarà tolto dal programma" in asked.text
    assert answer.status_code == 303
    assert item_ids(logged_in.get(f"{draft}/programme").text) == []


def test_item_in_a_section_goes_under_it(logged_in, draft):
    add(logged_in, draft, "Prima sessione", "10:30", "12:00", kind="section")
    section = item_ids(logged_in.get(f"{draft}/programme").text)[-1]

    add(logged_in, draft, "Esperienze dai Comuni", "10:30", "11:00", parent=section)
    page = logged_in.get(f"{draft}/programme").text

    inside = page.split(f'id="item-{section}"', 1)[1]
    assert "Esperienze dai Comuni" in inside
    assert "ms-3 border-start" in inside.split("Esperienze dai Comuni")[0]


def test_item_ending_before_it_starts_is_shown_again_with_the_problem(logged_in, draft):
    answer = add(logged_in, draft, "Tavola rotonda", "11:00", "10:00", kind="panel")

    assert answer.status_code == 422
    assert 'href="#end_time"' in answer.text.split('id="error-summary"')[1]
    assert re.search(r'id="end_time"[^>]*aria-invalid="true"', answer.text)
    assert 'value="Tavola rotonda"' in answer.text


def test_items_overlapping_in_one_room_are_refused_with_both_titles(logged_in, draft):
    answer = add(logged_in, draft, "Intervento sovrapposto", "09:45", "10:30")

    assert answer.status_code == 422
    assert "si sovrappongono" in answer.text
    assert "Intervento sovrapposto" in answer.text.split('id="error-summary"')[1]


def test_new_speaker_is_added_to_the_directory(logged_in, draft, organization):
    add(logged_in, draft, "Dibattito", "11:00", "11:30", new_speaker_name="Giulia Ferrari")

    speakers = logged_in.get(f"/console/{organization.slug}/speakers").text

    assert "Giulia Ferrari" in speakers

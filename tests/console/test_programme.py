"""The programme editor: each change is one save; a published event's saved changes make
one revision when published."""

import re
from html import unescape

import pytest

from tests.console.payloads import created, small_event
from tests.support.html import html_problems
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


def warnings_asked(page: str) -> list[str]:
    """The texts of the warnings a save would bring, from the box asking to save anyway."""
    box = page.split('id="warnings-summary"', 1)[1].split("</div>", 1)[0]
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", li)).split())
        for li in re.findall(r"<li>(.*?)</li>", box, re.S)
    ]


def speaker_id(page: str, name: str) -> str:
    found = re.search(rf'<option value="(\d+)">{re.escape(name)}</option>', page)
    assert found, name
    return found.group(1)


def test_items_overlapping_in_one_room_are_asked_about_then_saved_anyway(logged_in, draft):
    asked = add(logged_in, draft, "Intervento sovrapposto", "09:45", "10:30")
    before = item_titles(logged_in.get(f"{draft}/programme").text)

    saved = add(logged_in, draft, "Intervento sovrapposto", "09:45", "10:30", anyway="1")
    page = logged_in.get(f"{draft}/programme").text

    assert asked.status_code == 200
    [warning] = warnings_asked(asked.text)
    assert "«Intervento sovrapposto» si sovrappone a «Relazione" in warning
    assert "Intervento sovrapposto" not in before
    assert saved.status_code == 303
    assert "Intervento sovrapposto" in item_titles(page)
    shown = page.split('id="item-', 2)[1]  # the first item, the talk it overlaps
    assert "Da controllare:" in shown
    assert "si sovrappone a «Intervento sovrapposto» (09:45-10:30)" in shown


def test_pages_with_warnings_are_valid_html(logged_in, draft):
    asked = add(logged_in, draft, "Intervento sovrapposto", "09:45", "10:30")
    add(logged_in, draft, "Intervento sovrapposto", "09:45", "10:30", anyway="1")

    listed = logged_in.get(f"{draft}/programme").text

    assert html_problems(asked.text) == []
    assert html_problems(listed) == []


def test_items_at_once_in_parallel_rooms_are_saved_without_a_word(logged_in, draft):
    add(logged_in, draft, "Laboratorio A", "11:00", "12:00", room="Sala A")

    answer = add(logged_in, draft, "Laboratorio B", "11:00", "12:00", room="Sala B")
    page = logged_in.get(f"{draft}/programme").text

    assert answer.status_code == 303
    assert "Da controllare" not in page


def test_item_before_the_event_starts_is_asked_about(logged_in, draft):
    answer = add(logged_in, draft, "Allestimento", "08:00", "08:30", kind="other")

    assert answer.status_code == 200
    assert warnings_asked(answer.text) == [
        "Da controllare: «Allestimento» alle 08:00 viene prima dell'inizio dell'evento (09:00)."
    ]


def test_a_speaker_in_two_rooms_at_once_is_asked_about(logged_in, draft, organization):
    form = logged_in.get(f"{draft}/programme").text
    anna = speaker_id(form, f"Anna Bianchi {organization.slug}")

    answer = add(logged_in, draft, "Tavolo B", "09:45", "10:30", room="Sala B", speaker_0=anna)

    assert answer.status_code == 200
    assert warnings_asked(answer.text) == [
        f"Da controllare: Anna Bianchi {organization.slug} è in «Tavolo B» e alla stessa ora "
        f"in «Relazione {organization.slug}» (09:30-10:15)."
    ]


def test_a_break_with_a_speaker_is_asked_about(logged_in, draft):
    answer = add(
        logged_in, draft, "Pausa caffè", "10:30", "11:00", kind="break", new_speaker_name="Gino"
    )

    assert answer.status_code == 200
    assert warnings_asked(answer.text) == [
        "Da controllare: «Pausa caffè» è una pausa ma ha dei relatori: Gino."
    ]


def test_editing_an_item_shows_its_warnings_and_asks_only_about_new_ones(logged_in, draft):
    add(logged_in, draft, "Intervento", "10:00", "10:30", anyway="1")
    first = item_ids(logged_in.get(f"{draft}/programme").text)[0]
    edit = f"{draft}/programme/{first}/edit"

    shown = logged_in.get(edit).text
    answer = logged_in.submit(edit, edit, description="Con slide")

    assert "Da controllare in questa voce" in shown
    assert "si sovrappone a «Intervento»" in shown
    assert answer.status_code == 303


def test_new_speaker_is_added_to_the_directory(logged_in, draft, organization):
    add(logged_in, draft, "Dibattito", "11:00", "11:30", new_speaker_name="Giulia Ferrari")

    speakers = logged_in.get(f"/console/{organization.slug}/speakers").text

    assert "Giulia Ferrari" in speakers

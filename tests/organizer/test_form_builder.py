"""The form builder and the registration settings pages (issue 14): a clerk builds the form's
questions through the pages (CSRF), moves them with buttons, previews the form as citizens
see it, and a person's answers reach the export; answered questions keep their answers
readable; settings saved on the page change what the form does."""

import csv
import io
import re
import sqlite3
import uuid
from typing import Any

import httpx
import pytest

from tests.forms.visitor import Visitor
from tests.manage.bus import wait_for_fact
from tests.organizer.conftest import Conference, csrf_of
from tests.support.tables import tables

pytestmark = pytest.mark.e2e

TOWN = {"kind": "short_text", "label_it": "Comune di provenienza", "label_en": "Home town",
        "help_it": "Il comune in cui lavori o vivi", "help_en": "Where you work or live",
        "required": "on"}  # fmt: skip
BUFFET = {"kind": "single", "label_it": "Ti fermi al buffet?", "label_en": "Staying for lunch?",
          "options_it": "Sì, resto\nNo, vado via",
          "options_en": "Yes, I stay\nNo, I leave"}  # fmt: skip
SESSIONS = {"kind": "multiple", "label_it": "Quali sessioni segui?",
            "label_en": "Which sessions?", "help_it": "Anche più di una",
            "options_it": "Mattina\nPomeriggio"}  # fmt: skip


def _rows(conference: Conference, query: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(conference.stack.config.var_dir / "registrations.db") as connection:
        return list(connection.execute(query, params).fetchall())


def _questions(conference: Conference) -> list[tuple[int, str]]:
    """(id, Italian label) of the event's questions, in the form's order, from the rows."""
    query = """SELECT q.id, q.label_it FROM question q JOIN event_copy e ON e.event_id = q.event_id
               WHERE e.slug = ? ORDER BY q.position"""
    return [(row[0], row[1]) for row in _rows(conference, query, conference.slug)]


def _add(browser: httpx.Client, conference: Conference, question: dict[str, str]) -> None:
    page = browser.get(f"{conference.page}/form/new", params={"kind": question["kind"]})
    assert page.status_code == 200, page.text
    saved = browser.post(
        f"{conference.page}/form/new", data={**question, "csrf": csrf_of(page.text)}
    )
    assert saved.status_code == 303, saved.text


def _build(conference: Conference) -> httpx.Client:
    browser = conference.enter("editor")
    for question in (TOWN, BUFFET, SESSIONS):
        _add(browser, conference, question)
    return browser


def _in_order(page: str, *texts: str) -> bool:
    places = [page.find(text) for text in texts]
    return -1 not in places and places == sorted(places)


def _person(tag: str) -> dict[str, str]:
    email = f"{tag}-{uuid.uuid4().hex[:8]}@comune-test.it"
    return {"first_name": "Giulia", "last_name": "Ferrari", "email": email,
            "privacy_consent": "on"}  # fmt: skip


def test_a_form_built_on_the_pages_is_the_form_citizens_fill_in(published) -> None:
    conference = published()
    browser = _build(conference)
    town, buffet, sessions = (qid for qid, _ in _questions(conference))
    builder = browser.get(f"{conference.page}/form")
    moved = browser.post(
        f"{conference.page}/form/{sessions}/move",
        data={"csrf": csrf_of(builder.text), "direction": "up"},
    )

    preview = browser.get(f"{conference.page}/form/preview")
    visitor = Visitor(conference.stack, conference.slug)
    public = visitor.open()
    answers = {f"q{town}": "Crema", f"q{buffet}": "si-resto", f"q{sessions}": ["mattina"]}
    sent = visitor.post({**_person("builder"), **answers})
    export = browser.get(f"{conference.page}/registrations.csv")

    assert moved.status_code == 303
    assert [label for _, label in _questions(conference)] == [
        TOWN["label_it"], SESSIONS["label_it"], BUFFET["label_it"]
    ]  # fmt: skip
    for page in (preview.text, public.text):
        assert _in_order(page, TOWN["label_it"], SESSIONS["label_it"], BUFFET["label_it"])
        assert re.search(rf'id="q{town}"[^>]*aria-describedby="q{town}-hint"', page)
        assert f'<small class="form-text" id="q{town}-hint">{TOWN["help_it"]}</small>' in page
        assert f'id="q{sessions}-hint">{SESSIONS["help_it"]}</p>' in page
    assert "Anteprima" in preview.text and "Anteprima" not in public.text
    assert 'method="post"' not in preview.text.split("registration-form", 1)[1]
    assert re.search(r'<button type="submit"[^>]*disabled', preview.text)
    assert sent.status_code == 200, sent.text
    [line] = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert line[TOWN["label_it"]] == "Crema"
    assert line[BUFFET["label_it"]] == "Sì, resto"
    assert line[SESSIONS["label_it"]] == "Mattina"


def test_an_answered_question_keeps_its_answers_readable(published) -> None:
    conference = published()
    browser = _build(conference)
    town, buffet, sessions = (qid for qid, _ in _questions(conference))
    Visitor(conference.stack, conference.slug).send(
        {**_person("answered"), f"q{town}": "Lodi", f"q{buffet}": "si-resto"}
    )
    edit = f"{conference.page}/form/{buffet}/edit"
    page = browser.get(edit)
    csrf = csrf_of(page.text)

    renamed = browser.post(edit, data={**BUFFET, "options_it": "Sì\nNo, vado via", "csrf": csrf})
    reworded = browser.post(
        edit, data={**BUFFET, "label_it": "Resti per il pranzo?", "required": "on", "csrf": csrf}
    )
    asked = browser.get(f"{conference.page}/form/{town}/remove")
    removed = browser.post(f"{conference.page}/form/{town}/remove", data={"csrf": csrf})
    unanswered = browser.post(f"{conference.page}/form/{sessions}/remove", data={"csrf": csrf})
    export = browser.get(f"{conference.page}/registrations.csv").text

    assert renamed.status_code == 409
    assert "1 persona ha già scelto" in renamed.text and "Sì, resto" in renamed.text
    assert 'id="error-summary"' in renamed.text
    assert reworded.status_code == 303
    assert asked.status_code == 200
    assert "1 persona ha già risposto" in asked.text and "Sì, rimuovi" not in asked.text
    assert removed.status_code == 409
    assert unanswered.status_code == 303
    assert [qid for qid, _ in _questions(conference)] == [town, buffet]
    assert _rows(conference, "SELECT value FROM answer WHERE question_id = ?", buffet) == [
        ("si-resto",)
    ]
    assert "Resti per il pranzo?" in export and "Sì, resto" in export and "Lodi" in export


def _registration_ids(conference: Conference) -> dict[str, str]:
    """Email -> registration id, from the rows."""
    query = """SELECT r.email, r.id FROM registration r JOIN event_copy e
               ON e.event_id = r.event_id WHERE e.slug = ?"""
    return dict(_rows(conference, query, conference.slug))


def test_the_registrations_list_shows_each_persons_answers_in_words(published) -> None:
    conference = published()
    _build(conference).close()
    town, buffet, sessions = (qid for qid, _ in _questions(conference))
    kept, gone = _person("kept"), _person("gone")
    visitor = Visitor(conference.stack, conference.slug)
    visitor.send({**kept, f"q{town}": "Crema", f"q{buffet}": "si-resto", f"q{sessions}": ""})
    visitor.send({**gone, f"q{town}": "Lodi", f"q{buffet}": "no-vado-via"})
    ids = _registration_ids(conference)
    erased = conference.client.post(
        f"{conference.api}/registrations/{ids[gone['email']]}/erase", headers=conference.staff
    )
    viewer = conference.enter("viewer")

    italian = tables(viewer.get(conference.page).text)["registrations"]
    english = tables(viewer.get(conference.page, params={"lang": "en"}).text)["registrations"]

    assert erased.status_code == 200, erased.text
    assert italian["rows"][0][-1] == "Risposte"
    assert italian["named"][ids[kept["email"]]][-1] == (
        "Comune di provenienza Crema Ti fermi al buffet? Sì, resto"
    )
    assert (
        english["named"][ids[kept["email"]]][-1] == "Home town Crema Staying for lunch? Yes, I stay"
    )
    assert italian["named"][ids[gone["email"]]][-1] == ""


def test_a_form_without_questions_of_its_own_lists_no_answers_column(published) -> None:
    conference = published()
    Visitor(conference.stack, conference.slug).send(_person("plain"))

    page = tables(conference.enter("viewer").get(conference.page).text)["registrations"]

    assert "Risposte" not in page["rows"][0]
    assert len(page["named"]) == 1


def test_settings_saved_on_the_page_change_what_the_form_does(published) -> None:
    conference = published(capacity=1)
    browser = conference.enter("editor")
    page = browser.get(f"{conference.page}/settings")
    values = {"csrf": csrf_of(page.text), "offer_hours": "24", "confirm_hours": "12",
              "near_event_hours": "48", "retention_days": "90",
              "cancellation_policy_it": "Se non puoi venire, disdici entro due giorni.",
              "double_opt_in": "on"}  # fmt: skip

    saved = browser.post(f"{conference.page}/settings", data=values)
    pending = conference.register("Primo")
    full = Visitor(conference.stack, conference.slug).open()
    settings = _rows(
        conference,
        """SELECT waitlist, double_opt_in, confirm_hours, retention_days FROM form_settings f
           JOIN event_copy e ON e.event_id = f.event_id WHERE e.slug = ?""",
        conference.slug,
    )

    assert page.status_code == 200
    assert "attesa attiva" in page.text and 'href="/events/' in page.text
    assert saved.status_code == 303, saved.text
    assert settings == [(0, 1, 12.0, 90)]
    assert pending["status"] == "pending"
    assert "Posti esauriti" in full.text, "no waiting list: a full event says so"


def test_settings_with_a_problem_save_nothing_and_say_where(published) -> None:
    conference = published()
    browser = conference.enter("editor")
    page = browser.get(f"{conference.page}/settings")
    values = {"csrf": csrf_of(page.text), "waitlist": "on", "offer_hours": "tante",
              "confirm_hours": "48", "near_event_hours": "48", "retention_days": "0"}  # fmt: skip

    refused = browser.post(f"{conference.page}/settings", data=values)
    forged = browser.post(f"{conference.page}/settings", data={**values, "csrf": "x"})
    odd_kind = browser.get(f"{conference.page}/form/new", params={"kind": "date"})
    viewer = conference.enter("viewer").get(f"{conference.page}/settings")
    rows = _rows(conference, "SELECT count(*) FROM form_settings WHERE retention_days = 0")

    assert refused.status_code == 422
    summary = refused.text.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'href="#(\w+)"', summary) == ["offer_hours", "retention_days"]
    assert re.search(r'id="offer_hours"[^>]*value="tante"[^>]*aria-invalid="true"', refused.text)
    assert forged.status_code == 403
    assert odd_kind.status_code == 422 and "<html" in odd_kind.text
    assert viewer.status_code == 403
    assert rows == [(0,)]


def test_the_cancellation_policy_is_on_the_form_and_the_personal_page(published) -> None:
    conference = published()
    browser = conference.enter("editor")
    page = browser.get(f"{conference.page}/settings")
    policy_it, policy_en = "Disdici entro due giorni.", "Cancel two days ahead."
    values = {"csrf": csrf_of(page.text), "waitlist": "on", "offer_hours": "48",
              "confirm_hours": "48", "near_event_hours": "48", "retention_days": "180",
              "cancellation_policy_it": policy_it, "cancellation_policy_en": policy_en}  # fmt: skip
    browser.post(f"{conference.page}/settings", data=values)

    form_it = Visitor(conference.stack, conference.slug).open().text
    form_en = Visitor(conference.stack, conference.slug, lang="en").open().text
    registered = conference.register("Policy")
    manage_url = wait_for_fact(conference.stack, registered["id"], "confirmed")["manage_url"]
    personal = httpx.get(manage_url, timeout=30).text

    assert _in_order(form_it, "Regole di cancellazione", policy_it, 'type="submit"')
    assert policy_en in form_en and policy_it not in form_en
    assert policy_it in personal

"""The organizer's questions: defined through the API, shown on the form, required ones
enforced, answers stored with the registration."""

import html
import json

import httpx
import pytest

from tests.forms.organizer import define_form, stored
from tests.forms.visitor import markup_problems, person

pytestmark = pytest.mark.e2e

QUESTIONS = [
    {"kind": "short_text", "label_it": "Comune di residenza", "label_en": "Town of residence",
     "required": True},
    {"kind": "long_text", "label_it": "Domande per i relatori",
     "label_en": "Questions for the speakers"},
    {"kind": "single", "label_it": "Pranzo", "label_en": "Lunch", "required": True,
     "options": [{"value": "stay", "it": "Mi fermo a pranzo", "en": "I will stay for lunch"},
                 {"value": "leave", "it": "Non mi fermo", "en": "I will not stay"}]},
    {"kind": "multiple", "label_it": "Sessioni di interesse", "label_en": "Sessions of interest",
     "options": [{"value": "welfare", "it": "Welfare locale", "en": "Local welfare"},
                 {"value": "budget", "it": "Bilancio", "en": "Budget"}]},
    {"kind": "yes_no", "label_it": "Ti serve un attestato?",
     "label_en": "Do you need a certificate?", "required": True},
]  # fmt: skip


@pytest.fixture
def asking(stack, new_event):
    """A published event whose form asks QUESTIONS; returns the event and the saved ids."""
    event = new_event()
    saved = define_form(stack, event["slug"], questions=QUESTIONS)
    return event, [question["id"] for question in saved["questions"]]


def answers(ids: list[int]) -> dict[str, object]:
    town, speakers, lunch, sessions, certificate = (f"q{i}" for i in ids)
    return {town: "Crema", speakers: "Come si finanzia?", lunch: "stay",
            sessions: ["welfare", "budget"], certificate: "yes"}  # fmt: skip


def test_form_shows_the_organizers_questions_in_italian(asking, visitor):
    event, _ = asking

    page = html.unescape(visitor(event["slug"]).open().text)

    shown = ("Comune di residenza *", "Domande per i relatori", "Pranzo *", "Mi fermo a pranzo",
             "Welfare locale", "Ti serve un attestato? *", "Sì")  # fmt: skip
    for text in shown:
        assert text in page


def test_form_shows_the_organizers_questions_in_english(asking, visitor):
    event, _ = asking

    page = html.unescape(visitor(event["slug"], lang="en").open().text)

    for text in ("Town of residence *", "I will stay for lunch", "Do you need a certificate? *"):
        assert text in page


def test_required_question_missing_is_refused_naming_it(asking, visitor, stack):
    event, ids = asking
    given = {**person("missing-answer"), **answers(ids)}
    del given[f"q{ids[0]}"]

    answer = visitor(event["slug"]).send(given)

    page = html.unescape(answer.text)
    assert answer.status_code == 422
    assert f'href="#q{ids[0]}">Comune di residenza: Campo obbligatorio' in page
    assert 'value="Come si finanzia?"' not in page  # a textarea keeps it as content instead
    assert ">Come si finanzia?</textarea>" in page
    assert stored(stack, "SELECT id FROM registration WHERE email = ?", given["email"]) == []


def test_answers_are_stored_with_the_registration(asking, visitor, stack):
    event, ids = asking
    given = {**person("answers"), **answers(ids)}

    answer = visitor(event["slug"]).send(given)

    rows = stored(
        stack,
        "SELECT a.question_id, a.value FROM answer a JOIN registration r "
        "ON r.id = a.registration_id WHERE r.email = ? ORDER BY a.question_id",
        given["email"],
    )
    assert answer.status_code == 200
    assert "Richiesta ricevuta" in answer.text
    assert rows == [
        (ids[0], "Crema"),
        (ids[1], "Come si finanzia?"),
        (ids[2], "stay"),
        (ids[3], json.dumps(["welfare", "budget"])),
        (ids[4], "yes"),
    ]


def test_answers_sent_through_the_json_api_are_stored(asking, stack):
    event, ids = asking
    given = {**person("api-answers"), "privacy_consent": True}
    body = {
        **given,
        "answers": {str(i): v for i, v in zip(ids, answers(ids).values(), strict=True)},
    }
    url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"

    answer = httpx.post(url, json=body)

    rows = stored(
        stack,
        "SELECT a.question_id, a.value FROM answer a JOIN registration r "
        "ON r.id = a.registration_id WHERE r.id = ? ORDER BY a.question_id",
        answer.json()["id"],
    )
    assert answer.status_code == 201
    assert [value for _, value in rows] == ["Crema", "Come si finanzia?", "stay",
                                           json.dumps(["welfare", "budget"]), "yes"]  # fmt: skip


def test_form_with_questions_and_errors_is_valid_html(asking, visitor):
    event, ids = asking

    answer = visitor(event["slug"]).send({"email": "nope", f"q{ids[3]}": "welfare"})

    assert answer.status_code == 422
    assert markup_problems(answer.text, ("accessibility", f"q{ids[3]}")) == []

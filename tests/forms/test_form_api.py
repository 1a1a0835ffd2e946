"""The organizer API for an event's form: settings and questions, read and replaced, only
by the event's own organization, and only by an editor for changes."""

import httpx
import pytest

from devstack.waiting import wait_until
from tests.forms.organizer import define_form, form_api, organizer, stored
from tests.forms.visitor import person
from tests.support.system import ADMIN_HEADERS, organizer_headers

pytestmark = pytest.mark.e2e

TOWN = {"kind": "short_text", "label_it": "Comune", "label_en": "Town", "required": True}
LUNCH = {
    "kind": "single",
    "label_it": "Pranzo",
    "label_en": "Lunch",
    "options": [
        {"value": "stay", "it": "Mi fermo", "en": "I stay"},
        {"value": "leave", "it": "Non mi fermo", "en": "I leave"},
    ],
}


def token_of(stack, organization: str, role: str) -> dict[str, str]:
    """A new token of `organization` with `role`, once registrations knows it."""
    with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
        admin.post("/api/admin/organizations", json={"slug": organization, "name": organization})
        made = admin.post(
            f"/api/admin/organizations/{organization}/tokens", json={"name": role, "role": role}
        )
    headers = {"Authorization": f"Bearer {made.json()['token']}"}
    wait_until(lambda: _known(stack, headers), timeout=90, what=f"{role} token known")
    return headers


def _known(stack, headers: dict[str, str]) -> bool:
    answer = httpx.get(form_api(stack, "no-such-event"), headers=headers)
    return answer.status_code != 401  # a known token reaches the event lookup (404)


def test_form_definition_before_any_change_is_the_defaults(stack, new_event):
    event = new_event()

    answer = httpx.get(form_api(stack, event["slug"]), headers=organizer(stack, event["slug"]))

    assert answer.status_code == 200
    assert answer.json() == {
        "settings": {
            "double_opt_in": False,
            "confirm_hours": 48.0,
            "offer_hours": 48.0,
            "near_event_hours": 48.0,
            "waitlist": True,
            "privacy_notice_url": "/privacy",
            "privacy_notice_version": "2026-01",
            "retention_days": 180,
            "cancellation_policy_it": "",
            "cancellation_policy_en": "",
        },
        "questions": [],
    }


def test_form_definition_saved_is_read_back_with_ids(stack, new_event):
    event = new_event()
    settings = {"double_opt_in": True, "privacy_notice_url": "https://comune.example/privacy"}

    saved = define_form(stack, event["slug"], settings=settings, questions=[TOWN, LUNCH])
    read = httpx.get(form_api(stack, event["slug"]), headers=organizer(stack, event["slug"]))

    assert read.json() == saved
    assert [q["label_it"] for q in saved["questions"]] == ["Comune", "Pranzo"]
    assert all(isinstance(q["id"], int) for q in saved["questions"])
    assert saved["settings"]["double_opt_in"] is True
    assert saved["settings"]["privacy_notice_url"] == "https://comune.example/privacy"


def test_question_sent_back_with_its_id_keeps_its_answers_and_cannot_be_dropped(
    stack, new_event, visitor
):
    event = new_event()
    [town] = define_form(stack, event["slug"], questions=[TOWN])["questions"]
    visitor(event["slug"]).send({**person("keeps"), f"q{town['id']}": "Crema"})

    renamed = define_form(stack, event["slug"], questions=[{**town, "label_en": "Home town"}])
    dropped = httpx.put(
        form_api(stack, event["slug"]),
        json={"questions": []},
        headers=organizer(stack, event["slug"]),
    )
    kept = stored(stack, "SELECT value FROM answer WHERE question_id = ?", town["id"])

    assert renamed["questions"][0]["id"] == town["id"]
    assert dropped.status_code == 409
    assert "1 people answered already, so it cannot be deleted" in dropped.text
    assert kept == [("Crema",)], "an answered question is not deleted, nor its answers"


PROBLEMS = {
    "unknown_kind": {"questions": [{**TOWN, "kind": "date"}]},
    "no_english_label": {"questions": [{k: v for k, v in TOWN.items() if k != "label_en"}]},
    "blank_label": {"questions": [{**TOWN, "label_it": "  "}]},
    "single_with_one_option": {"questions": [{**LUNCH, "options": LUNCH["options"][:1]}]},
    "options_on_text": {"questions": [{**TOWN, "options": LUNCH["options"]}]},
    "option_without_english": {
        "questions": [{**LUNCH, "options": [{"value": "a", "it": "A"}, {"value": "b", "it": "B"}]}]
    },
    "thirty_one_questions": {"questions": [TOWN] * 31},
    "unknown_question_id": {"questions": [{**TOWN, "id": 999_999}]},
    "privacy_url_not_a_link": {"settings": {"privacy_notice_url": "javascript:alert(1)"}},
    "negative_hours": {"settings": {"confirm_hours": -1}},
}


@pytest.mark.parametrize("problem", PROBLEMS)
def test_form_definition_with_a_problem_is_refused(stack, new_event, problem):
    event = new_event()
    headers = organizer(stack, event["slug"])

    answer = httpx.put(form_api(stack, event["slug"]), json=PROBLEMS[problem], headers=headers)
    after = httpx.get(form_api(stack, event["slug"]), headers=headers)

    assert answer.status_code == 422
    assert after.json()["questions"] == []


def test_form_definition_of_another_organization_is_not_found(stack, new_event):
    event = new_event()
    stranger = organizer_headers(stack, "comune-di-lodi")
    wait_until(lambda: _known(stack, stranger), timeout=90, what="the stranger's token known")

    read = httpx.get(form_api(stack, event["slug"]), headers=stranger)
    change = httpx.put(form_api(stack, event["slug"]), json={}, headers=stranger)

    assert read.status_code == 404
    assert change.status_code == 404


def test_form_definition_change_by_a_viewer_is_forbidden(stack, new_event):
    event = new_event()
    viewer = token_of(stack, "area-omogenea-cremasca", "viewer")

    read = httpx.get(form_api(stack, event["slug"]), headers=viewer)
    change = httpx.put(form_api(stack, event["slug"]), json={"questions": [TOWN]}, headers=viewer)

    assert read.status_code == 200
    assert change.status_code == 403


def test_form_definition_without_a_token_is_unauthorized(stack, new_event):
    event = new_event()

    answer = httpx.get(form_api(stack, event["slug"]))

    assert answer.status_code == 401

"""Bad input on the form: a 4xx page that keeps what was typed, says what to fix, stores nothing."""

import html

import httpx
import pytest

from tests.support.people import people
from tests.support.system import (
    availability,
    conference,
    post_form,
    publish,
    register_url,
    running_stack,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e

VALID = people(1, tag="valid")[0].form()
CASES = {
    "missing_fields": ({**VALID, "first_name": "", "last_name": ""}, "Campo obbligatorio"),
    "malformed_email": ({**VALID, "email": "mario.rossi@"}, "Indirizzo email non valido"),
    "no_consent": (
        {k: v for k, v in VALID.items() if k != "privacy_consent"},
        "informativa privacy",
    ),
    "huge_name": (
        {**VALID, "first_name": "M" * 1_000_000},
        "Testo troppo lungo (massimo 100 caratteri)",
    ),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("form")) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        yield stack, event


@pytest.mark.parametrize("case", CASES)
def test_form_with_bad_input_is_refused_with_values_kept(published, case):
    stack, event = published
    fields, advice = CASES[case]

    answer = post_form(register_url(stack, event["slug"]), fields)

    page = html.unescape(answer.text)
    assert answer.status_code == 422
    assert advice in page
    assert 'id="error-summary"' in answer.text
    for name in ("last_name", "email", "organization"):
        if fields.get(name):
            assert f'value="{fields[name]}"' in page
    assert availability(stack, event["slug"])["seats_left"] == event["capacity"]


def test_form_in_english_says_what_to_fix_in_english(published):
    stack, event = published

    answer = post_form(register_url(stack, event["slug"]) + "?lang=en", {**VALID, "email": "nope"})

    assert answer.status_code == 422
    assert "Not a valid email address" in answer.text


def test_body_over_the_limit_is_refused_before_reading(published):
    stack, event = published

    answer = httpx.post(
        register_url(stack, event["slug"]), data={**VALID, "organization": "x" * 3_000_000}
    )

    assert answer.status_code == 413
    assert availability(stack, event["slug"])["seats_left"] == event["capacity"]

"""Schemathesis on every operation of the three services' schemas (notifications' delivery
log included), with many more examples than tests/hostile/test_schemas.py and strings drawn
from every character, lone surrogates included (schemathesis' default draws only what UTF-8
can write, which is how it missed the lone-surrogate 500). No answer is a server error, every
answer is one the schema declares, and a body with a lone surrogate is refused naming it.
Marked `fuzz`: `./dev test -m fuzz` runs it alone, `-m "not fuzz"` leaves it out."""

import json
import os
from typing import Any

import pytest
import schemathesis
from hypothesis import find, settings
from schemathesis import Case

from services.notifications.main import create_app as notifications_app
from shared.web.surrogates import MESSAGE
from tests.hostile.conftest import World
from tests.hostile.test_schemas import (
    CHECKS,
    EVENTS,
    OPS_HEADERS,
    QUIET_HYPOTHESIS,
    REGISTRATIONS,
    aim,
    credentials,
    valid_input_is_read,
)

pytestmark = [pytest.mark.e2e, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, **QUIET_HYPOTHESIS)


def every_character(raw: dict[str, Any]) -> Any:
    """The schema, its strings drawn from every character rather than UTF-8's."""
    schema = schemathesis.openapi.from_dict(raw)
    schema.config.generation.codec = None
    return schema


SCHEMAS = {
    "events": every_character(EVENTS.raw_schema),
    "registrations": every_character(REGISTRATIONS.raw_schema),
    "notifications": every_character(notifications_app().openapi()),
}


def lone_surrogate_in(value: Any) -> bool:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return any(0xD800 <= ord(character) <= 0xDFFF for character in text)


def surrogates_are_refused_else_read(ctx: Any, response: Any, case: Case) -> None:
    """A body with a lone surrogate: 422, saying so. Any other: test_schemas' rule (a body
    the schema allows gets past FastAPI's reading)."""
    if lone_surrogate_in(case.body):
        problems = response.json().get("detail") if response.status_code == 422 else None
        assert problems and {problem["msg"] for problem in problems} == {MESSAGE}, (
            f"a lone surrogate in the body was not refused: {response.status_code}"
        )
        return
    valid_input_is_read(ctx, response, case)


FUZZ_CHECKS = {
    **CHECKS,
    "additional_checks": [
        check for check in CHECKS["additional_checks"] if check is not valid_input_is_read
    ]
    + [surrogates_are_refused_else_read],
}


def call(case: Case, world: World, service: str) -> None:
    aim(case, world)
    headers = OPS_HEADERS if service == "notifications" else credentials(case.path, world)
    case.call_and_validate(base_url=world.url(service), headers=headers, **FUZZ_CHECKS)


def test_the_fuzz_draws_lone_surrogates():
    """Without this the fuzz would be test_schemas' again: a body holding one is drawn."""
    operation = SCHEMAS["events"]["/api/organizer/speakers"]["POST"]

    found = find(
        operation.as_strategy(),
        lambda case: lone_surrogate_in(case.body),
        settings=settings(max_examples=EXAMPLES * 10, **QUIET_HYPOTHESIS),
    )

    assert lone_surrogate_in(found.body)


@SCHEMAS["events"].parametrize()
@FUZZ
def test_events_fuzzed(case, world):
    call(case, world, "events")


@SCHEMAS["registrations"].parametrize()
@FUZZ
def test_registrations_fuzzed(case, world):
    call(case, world, "registrations")


@SCHEMAS["notifications"].parametrize()
@FUZZ
def test_notifications_fuzzed(case, world):
    call(case, world, "notifications")

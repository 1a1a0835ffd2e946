"""Schemathesis on every operation of the three services' schemas (notifications' delivery
log included), with many more examples than tests/hostile/test_schemas.py, and half the JSON
bodies carrying a lone surrogate in one of their texts: schemathesis never draws one (it
leaves out the characters UTF-8 cannot write, whatever the codec), which is how it missed the
lone-surrogate 500. No answer is a server error, every answer is one the schema declares, and
a body with a lone surrogate is refused naming it.
Marked `fuzz`: `./dev test -m fuzz` runs it alone, `-m "not fuzz"` leaves it out."""

import copy
import os
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
import schemathesis
from hypothesis import find, settings
from hypothesis import strategies as st
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

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))  # per operation
FUZZ = settings(max_examples=EXAMPLES, **QUIET_HYPOTHESIS)


LONE = "\ud800"


def texts(value: Any, place: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Where the JSON value holds a string, as the keys and indexes leading to it."""
    if isinstance(value, str):
        yield place
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*place, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, (*place, index))


def with_lone_surrogate(body: Any, place: tuple[Any, ...]) -> Any:
    if not place:
        return body + LONE
    changed = copy.deepcopy(body)
    at(changed, place[:-1])[place[-1]] += LONE
    return changed


def lone_surrogates(raw: dict[str, Any]) -> Any:
    """The schema, half of whose JSON bodies get a lone surrogate in one of their texts."""
    schema = schemathesis.openapi.from_dict(raw)

    @schema.hook
    def flatmap_body(context: Any, body: Any) -> Any:
        # Only JSON carries one, as an escape: a text body (a CSV) goes as UTF-8, which cannot.
        places = list(texts(body)) if isinstance(body, dict | list) else []
        if not places:
            return st.just(body)
        return st.one_of(
            st.just(body), st.sampled_from(places).map(partial(with_lone_surrogate, body))
        )

    return schema


SCHEMAS = {
    "events": lone_surrogates(EVENTS.raw_schema),
    "registrations": lone_surrogates(REGISTRATIONS.raw_schema),
    "notifications": lone_surrogates(notifications_app().openapi()),
}


def lone_surrogate_in(body: Any) -> bool:
    """Whether a text of the JSON body (absent: none) holds a lone surrogate."""
    found = [text for place in texts(body) if isinstance(text := at(body, place), str)]
    return any(0xD800 <= ord(character) <= 0xDFFF for text in found for character in text)


def at(body: Any, place: tuple[Any, ...]) -> Any:
    for step in place:
        body = body[step]
    return body


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
    """Without this the fuzz would be test_schemas' with more examples: one is drawn."""
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

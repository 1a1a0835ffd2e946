"""One running system for the form tests, events on it, and people at its forms."""

from typing import Any

import pytest

from tests.forms.visitor import Visitor
from tests.support.system import conference, publish, running_stack, wait_until_registrable


@pytest.fixture(scope="package")
def stack(tmp_path_factory):
    env = {"RATE_LIMIT_PER_MINUTE": "0"}  # these tests post far more than a person would
    with running_stack(tmp_path_factory.mktemp("forms"), env=env) as running:
        yield running


@pytest.fixture
def new_event(stack):
    """Publish a conference (with `changes`) and wait until registrations has it."""

    def create(**changes: Any) -> dict[str, Any]:
        event = publish(stack, conference(**changes))
        wait_until_registrable(stack, event["slug"])
        return event

    return create


@pytest.fixture
def visitor(stack):
    """A person's browser on a form (`visitor(slug)`), closed after the test."""
    opened: list[Visitor] = []

    def open_form(slug: str, *, lang: str | None = None) -> Visitor:
        opened.append(Visitor(stack, slug, lang=lang))
        return opened[-1]

    yield open_form
    for each in opened:
        each.close()

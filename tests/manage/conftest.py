"""The manage tests share one running system; each test publishes its own conferences."""

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from devstack.stack import Stack
from tests.manage.bus import Registered, registered
from tests.support.people import Person
from tests.support.system import conference, publish, running_stack, wait_until_registrable


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("manage"), env={"RATE_LIMIT_PER_MINUTE": "0"}) as s:
        yield s


@pytest.fixture
def client(stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.url("registrations"), timeout=30) as opened:
        yield opened


@pytest.fixture
def published(stack) -> Callable[..., dict[str, Any]]:
    """Publishes a demo conference with `changes`, once registrations knows it."""

    def publish_one(**changes: Any) -> dict[str, Any]:
        event = publish(stack, conference(**changes))
        wait_until_registrable(stack, event["slug"])
        return event

    return publish_one


@pytest.fixture
def register(stack, client) -> Callable[..., Registered]:
    """Registers a person through the API; returns the answer and the emailed links."""

    def register_one(event: dict[str, Any], person: Person, **extra: Any) -> Registered:
        answer = client.post(
            f"/api/events/{event['slug']}/registrations", json={**person.json(), **extra}
        )
        assert answer.status_code == 201, answer.text
        return registered(stack, answer.json())

    return register_one

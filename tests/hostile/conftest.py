"""The hostile tests: one running system per module, a published conference on it, and a
witness that no answer and no log line of the module gives away a secret or a stack trace.

A module may set `STACK_ENV` to run its system with other settings (a rate limit)."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from devstack.stack import Stack
from devstack.waiting import wait_until
from shared.settings import DEVELOPMENT_SECRET
from tests.support.system import (
    conference,
    organizer_headers,
    publish,
    running_stack,
    wait_until_registrable,
)

ORG, OTHER = "area-omogenea-cremasca", "anci-lombardia"
QUIET = {"RATE_LIMIT_PER_MINUTE": "0"}  # these tests post far more than a person would
# What a stack trace looks like in a body or a log: Python's header and its frame lines.
TRACES = ("Traceback", 'File "')


@dataclass
class Witness:
    """The secrets a module's tests handled; every answer they read is looked at as it comes."""

    secrets: set[str] = field(default_factory=lambda: {DEVELOPMENT_SECRET})

    def keep(self, *values: str) -> None:
        """Remember credentials (token, cookie) that must never show in a log."""
        self.secrets.update(value for value in values if value)

    def look(self, response: httpx.Response) -> None:
        response.read()
        traced = [trace for trace in TRACES if trace in response.text]
        assert traced == [], f"{response.request.method} {response.request.url}: {traced}"

    def client(self, base_url: str, **options: object) -> httpx.Client:
        """An httpx client whose every answer is checked for stack traces."""
        return httpx.Client(
            base_url=base_url, timeout=30, event_hooks={"response": [self.look]}, **options
        )

    def leaks_in(self, log_dir: Path) -> list[str]:
        """'file: what' for each secret or stack trace found in the services' logs."""
        found = []
        for log in sorted(log_dir.glob("*.log")):
            text = log.read_text(errors="replace")
            found += [f"{log.name}: a secret" for secret in self.secrets if secret in text]
            found += [f"{log.name}: {trace!r}" for trace in TRACES if trace in text]
        return found


@pytest.fixture(scope="module")
def witness() -> Witness:
    return Witness()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, request, witness) -> Iterator[Stack]:
    """The module's system; once its tests ran and it stopped, its logs must be clean."""
    env = getattr(request.module, "STACK_ENV", QUIET)
    with running_stack(tmp_path_factory.mktemp("hostile"), env=env) as running:
        yield running
    assert witness.leaks_in(running.config.var_dir / "log") == []


@dataclass(frozen=True)
class World:
    """A published conference of ORG that registrations knows, with ORG's token working on
    both services."""

    stack: Stack
    slug: str
    event_id: str
    organizer: dict[str, str]

    def url(self, service: str) -> str:
        return self.stack.url(service)


def wait_for_token(stack: Stack, slug: str, headers: dict[str, str], status: int) -> None:
    """A token's hash reaches registrations over the bus: wait until it answers `status`."""
    url = f"{stack.url('registrations')}/api/organizer/events/{slug}/form"
    wait_until(
        lambda: httpx.get(url, headers=headers).status_code == status,
        timeout=60,
        what=f"the token answering {status} on {slug}",
    )


@pytest.fixture(scope="module")
def world(stack, witness) -> World:
    event = publish(stack, conference(), ORG)
    wait_until_registrable(stack, event["slug"])
    headers = organizer_headers(stack, ORG)
    wait_for_token(stack, event["slug"], headers, 200)
    witness.keep(headers["Authorization"].removeprefix("Bearer "))
    return World(stack, event["slug"], event["id"], headers)

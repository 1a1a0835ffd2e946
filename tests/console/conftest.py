"""The console's tests share one running system; each test makes its own organizations."""

from collections.abc import Callable, Iterator

import pytest

from devstack.stack import Stack
from tests.console.browserless import (
    Console,
    Member,
    Organization,
    new_member,
    new_organization,
)
from tests.support.system import running_stack

UPLOAD_LIMIT = 2 * 1024 * 1024


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    # Documents of at most 2 MB, so that a test shows one too big without sending 20 MB.
    env = {"MAX_UPLOAD_BYTES": str(UPLOAD_LIMIT)}
    with running_stack(tmp_path_factory.mktemp("console"), env=env) as running:
        yield running


@pytest.fixture
def browsers(stack) -> Iterator[Callable[[], Console]]:
    """Opens new browsers (cookie jars) on the events service; all closed at the end."""
    opened: list[Console] = []

    def open_one() -> Console:
        opened.append(Console(stack))
        return opened[-1]

    yield open_one
    for console in opened:
        console.close()


@pytest.fixture
def organization(stack) -> Organization:
    return new_organization(stack, "comune")


@pytest.fixture
def editor(stack, organization) -> Member:
    return new_member(stack, organization, "editor")


@pytest.fixture
def logged_in(browsers, editor) -> Console:
    """A browser where the editor has logged in."""
    console = browsers()
    assert console.log_in(editor).status_code == 303
    return console

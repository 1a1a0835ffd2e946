"""One running system per test module, for the tests that read its logs and metrics."""

from collections.abc import Iterator

import pytest

from devstack.stack import Stack
from tests.notifications.mailbox import FAST
from tests.support.system import running_stack


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("stack"), env=FAST) as running:
        yield running

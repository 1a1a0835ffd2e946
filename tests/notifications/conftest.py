"""One running system per test module, for the tests that need no restart of their own; and
for the sender's tests, a migrated notifications database (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set) with an SMTP sink."""

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from devstack.ports import free_port
from devstack.stack import Stack
from shared.db import create_engine, session_factory
from tests.notifications.mailbox import FAST
from tests.notifications.owed_emails import MIGRATIONS, Sink
from tests.support.databases import migrated_database
from tests.support.system import running_stack


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("stack"), env=FAST) as running:
        yield running


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> Iterator[str]:
    with migrated_database(request.param, tmp_path, MIGRATIONS) as url:
        yield url


@pytest.fixture
async def sessions(database_url):
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()

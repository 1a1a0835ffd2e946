"""Fixtures of the fault tests."""

from contextlib import ExitStack
from typing import Any

import pytest

from devstack.stack import SERVICES
from tests.faults.rush import QUICK_RECOVERY
from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def stack_config(request) -> Any:
    """How to run the stack for a fault: on SQLite (one process per service, forced there),
    and on PostgreSQL with a fresh database per service and two processes each, so that a
    kill takes a service's both workers and a survivor's claims are tested too."""
    if request.param == "sqlite":
        yield {"env": QUICK_RECOVERY}
        return
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
    with ExitStack() as databases:
        urls = {name: databases.enter_context(fresh_postgres_database()) for name in SERVICES}
        yield {"env": {**QUICK_RECOVERY, "WORKERS": "2"}, "database_urls": urls}

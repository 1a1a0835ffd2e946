"""Fixtures of the fault tests."""

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from devstack.stack import SERVICES, Stack
from tests.faults.rush import QUICK_RECOVERY
from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database
from tests.support.system import running_stack


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_stack(request: pytest.FixtureRequest, tmp_path_factory: Any) -> Iterator[Stack]:
    """One stack for a module's faults, each test with its own event: on SQLite (one process
    per service, forced there), and on PostgreSQL with a fresh database per service and two
    processes each, so that a kill takes both workers of a service. Starting a stack costs
    more CPU than a rush (two processes each on PostgreSQL: twice that)."""
    config: dict[str, Any] = {"env": QUICK_RECOVERY}
    with ExitStack() as databases:
        if request.param == "postgresql":
            if not TEST_DATABASE_URL:
                pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
            urls = {name: databases.enter_context(fresh_postgres_database()) for name in SERVICES}
            config = {"env": {**QUICK_RECOVERY, "WORKERS": "2"}, "database_urls": urls}
        with running_stack(tmp_path_factory.mktemp(request.param), **config) as stack:
            yield stack


@pytest.fixture
def fault_stack(request: pytest.FixtureRequest, shared_stack: Stack) -> Iterator[Stack]:
    """The module's stack, whole again whatever an earlier test left down; its processes'
    last log lines printed when the test fails."""
    _mend(shared_stack)
    yield shared_stack
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for process in shared_stack.processes:
            print(f"----- {process.module} log -----\n{process.log_tail()}")


def _mend(stack: Stack) -> None:
    if stack.nats is not None and not (stack.nats.process and stack.nats.process.poll() is None):
        stack.nats.start()
    for process in (stack.sink, *stack.services.values()):
        if not process.running:
            process.start().wait_healthy()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep the call's report on the test, for `fault_stack` to see whether it failed."""
    report = yield
    if report.when == "call":
        item.report_call = report  # type: ignore[attr-defined]
    return report

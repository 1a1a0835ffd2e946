"""One running system for the webhook tests, with retries fast enough to watch, and the
receiver they send to."""

from collections.abc import Iterator

import pytest

from devstack.stack import Stack
from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database
from tests.support.system import running_stack
from tests.webhooks.receiver import Receiver, start_receiver, stop_receiver

# Seconds, not hours: a delivery is given up after 1 + 3 attempts within a second or two.
QUICK = {
    "WEBHOOK_ALLOW_LOCAL_HTTP": "true",
    "WEBHOOK_RETRY_SCHEDULE_SECONDS": "[0.3, 0.3, 0.3]",
    "WEBHOOK_TIMEOUT_SECONDS": "5",
    "WEBHOOK_POLL_SECONDS": "0.2",
    "CONSUMER_ACK_WAIT_SECONDS": "5",
    "RATE_LIMIT_PER_MINUTE": "0",
}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    config: dict[str, object] = {"env": QUICK}
    if request.param == "postgresql":
        if not TEST_DATABASE_URL:
            pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
        with fresh_postgres_database() as url:
            config["database_urls"] = {"events": url}
            with running_stack(tmp_path_factory.mktemp("webhooks-pg"), **config) as running:  # type: ignore[arg-type]
                yield running
        return
    with running_stack(tmp_path_factory.mktemp("webhooks"), **config) as running:  # type: ignore[arg-type]
        yield running


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = start_receiver()
    yield state
    stop_receiver(state)

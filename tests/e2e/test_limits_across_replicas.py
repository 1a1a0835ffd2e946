"""Two replicas of a service on one database allow an address its limit once, not once each:
the registration API's rate limit and the console's login throttle, with the posts going to
one replica and the other in turn (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)."""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from devstack.natsserver import NatsServer
from devstack.ports import free_port
from devstack.processes import ServiceProcess
from tests.support.databases import stored_rows

pytestmark = pytest.mark.e2e

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LIMIT = 4
POSTS = 2 * LIMIT + 2  # what two replicas would take if each counted alone, and more


@pytest.fixture
def nats(tmp_path) -> Iterator[NatsServer]:
    server = NatsServer(port=free_port(), store_dir=tmp_path / "nats").start()
    yield server
    server.stop()


@contextmanager
def two_replicas(
    service: str, tmp_path: Path, database_url: str, nats: NatsServer, env: dict[str, str]
) -> Iterator[list[ServiceProcess]]:
    """Two processes of `service` on one database, each on its own port, both healthy."""
    with ExitStack() as stack:
        replicas = []
        for number in (1, 2):
            replica = ServiceProcess(
                f"services.{service}",
                port=free_port(),
                env={
                    "DATABASE_URL": database_url,
                    "NATS_URL": nats.url,
                    "ASSETS_DIR": str(PROJECT_ROOT / "node_modules" / "bootstrap-italia" / "dist"),
                    **env,
                },
                log_file=tmp_path / f"{service}-{number}.log",
            )
            stack.callback(replica.stop)
            replicas.append(replica.start())
        try:
            for replica in replicas:
                replica.wait_healthy()
            yield replicas
        except BaseException:
            for replica in replicas:
                print(f"----- {replica.log_file.name} -----\n{replica.log_tail()}")
            raise


def in_turn(replicas: list[ServiceProcess], send) -> list[tuple[int, int]]:
    """POSTS requests, to the first replica and the second in turn: (replica, status) each."""
    answers = []
    for number in range(POSTS):
        which = number % 2
        with httpx.Client(base_url=replicas[which].url, timeout=30) as client:
            answers.append((which, send(client).status_code))
    return answers


def counted(database_url: str, scope: str) -> list[tuple[object, ...]]:
    return stored_rows(
        database_url, f"SELECT address, hits FROM rate_window WHERE scope = '{scope}'"
    )


def test_registrations_through_two_replicas_get_the_rate_limit_once(tmp_path, empty_database, nats):
    env = {"RATE_LIMIT_PER_MINUTE": str(LIMIT)}
    body = {"first_name": "", "last_name": "", "email": "", "privacy_consent": False}
    # No event goes by that name: each post within the limit gets 404, after it 429.

    with two_replicas("registrations", tmp_path, empty_database, nats, env) as replicas:
        answers = in_turn(
            replicas, lambda client: client.post("/api/events/convegno/registrations", json=body)
        )

    statuses = [status for _, status in answers]
    assert statuses == [404] * LIMIT + [429] * (POSTS - LIMIT)
    assert {replica for replica, status in answers if status == 429} == {0, 1}
    assert counted(empty_database, "posts") == [("127.0.0.1", POSTS)]


def test_failed_logins_through_two_replicas_get_the_throttle_once(tmp_path, empty_database, nats):
    env = {"LOGIN_FAILURES_PER_MINUTE": str(LIMIT)}
    guess = {"email": "nessuno@comune.example.it", "password": "forse-questa-volta"}

    with two_replicas("events", tmp_path, empty_database, nats, env) as replicas:
        answers = in_turn(replicas, lambda client: client.post("/console/login", data=guess))

    statuses = [status for _, status in answers]
    assert statuses == [401] * LIMIT + [429] * (POSTS - LIMIT)
    assert {replica for replica, status in answers if status == 429} == {0, 1}
    assert counted(empty_database, "login-failures") == [("127.0.0.1", POSTS)]

"""A service as a process: one on SQLite whatever WORKERS says; with several workers (on
PostgreSQL), stopped or killed the way tests and the embedded stack do it, it leaves no worker
behind (an orphaned worker went on mailing and reconnecting, taking CPU from every test after
it); it keeps idle connections open longer than a proxy in front of it does."""

import http.client
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.ports import free_port
from devstack.processes import ServiceProcess
from devstack.waiting import wait_until
from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database

pytestmark = pytest.mark.integration

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def two_worker_service(tmp_path: Path, database_url: str) -> ServiceProcess:
    """Registrations asked for two uvicorn workers; NATS_URL names a port nothing listens on."""
    return ServiceProcess(
        "services.registrations",
        port=free_port(),
        env={
            "WORKERS": "2",
            "DATABASE_URL": database_url,
            "NATS_URL": f"nats://127.0.0.1:{free_port()}",
            "ASSETS_DIR": str(PROJECT_ROOT / "node_modules" / "bootstrap-italia" / "dist"),
        },
        log_file=tmp_path / "registrations.log",
    )


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'registrations.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL not set: several workers need PostgreSQL")
    with fresh_postgres_database() as url:
        yield url


def children_of(pid: int) -> set[int]:
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_on_sqlite_two_workers_asked_for_make_one_process_and_a_warning(tmp_path):
    service = two_worker_service(tmp_path, sqlite_url(tmp_path))
    try:
        service.start().wait_healthy()
        assert service.process is not None

        children = children_of(service.process.pid)

        assert children == set()
        assert "WORKERS=2 ignored: on SQLite one process serves" in service.log_tail()
    finally:
        service.stop()


@pytest.mark.parametrize("ending", ["kill", "stop"])
def test_no_worker_outlives_its_service(tmp_path, postgres_url, ending):
    service = two_worker_service(tmp_path, postgres_url)
    try:
        service.start().wait_healthy()
        assert service.process is not None
        workers: set[int] = set()

        def both_workers_up() -> bool:
            workers.update(children_of(service.process.pid))
            return len(workers) >= 2

        wait_until(both_workers_up, timeout=30, what="two workers")

        getattr(service, ending)()

        wait_until(
            lambda: not any(alive(pid) for pid in workers),
            timeout=20,
            what=f"no worker left after {ending}",
        )
    except BaseException:
        print(f"----- registrations log -----\n{service.log_tail()}")
        raise
    finally:
        service.kill()


def health_status(connection: http.client.HTTPConnection) -> int:
    connection.request("GET", "/health")
    response = connection.getresponse()
    response.read()
    return response.status


def test_an_idle_connection_outlives_uvicorns_own_five_seconds(tmp_path):
    # A proxy keeps its idle connections to a service for a while (ingress-nginx and our
    # Caddyfile: 60 s) and sends the next request on one of them; the service must not have
    # closed it first. Six seconds stand for that while: past uvicorn's own default of five.
    service = two_worker_service(tmp_path, sqlite_url(tmp_path))
    try:
        service.start().wait_healthy()
        connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=10)
        assert health_status(connection) == 200
        first_socket = connection.sock
        time.sleep(6)
        # On a connection the service closed, this raises RemoteDisconnected.
        assert health_status(connection) == 200
        assert connection.sock is first_socket
        connection.close()
    finally:
        service.stop()

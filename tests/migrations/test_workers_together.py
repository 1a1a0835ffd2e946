"""uvicorn starts a service's workers at once and each migrates in its lifespan: on one empty
database none may die on another's half-done migration, and the database ends at the newest
revision, as if one alone had migrated it."""

import multiprocessing
from typing import Any

import pytest

from shared.migrations import upgrade
from tests.migrations.schema import SERVICES, describe, head_of, metadata_of, migrations_of

pytestmark = pytest.mark.integration

# A fork server with the migrations imported starts workers within a millisecond of each
# other, as uvicorn does: close enough for the race to show in most rounds when it exists.
_starter = multiprocessing.get_context("forkserver")
_starter.set_forkserver_preload(["shared.migrations", "tests.migrations.schema"])


def _migrate(database_url: str, service: str, start: Any) -> None:
    start.wait()
    upgrade(database_url, migrations_of(service))


def migrate_together(database_url: str, service: str, workers: int) -> list[int | None]:
    """Exit codes of `workers` processes that upgrade the database at the same moment."""
    start = _starter.Barrier(workers)
    processes = [
        _starter.Process(target=_migrate, args=(database_url, service, start))
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    return [process.exitcode for process in processes]


def assert_migrated(database_url: str, service: str) -> None:
    migrated = describe(database_url)
    assert migrated.revision == head_of(service)
    assert set(migrated.tables) == {*metadata_of(service).tables, "alembic_version"}


@pytest.mark.parametrize("service", SERVICES)
def test_workers_migrating_one_empty_database_together_all_start(service, empty_database):
    assert migrate_together(empty_database, service, workers=4) == [0] * 4
    assert_migrated(empty_database, service)


@pytest.mark.parametrize("service", SERVICES)
def test_two_workers_on_a_new_sqlite_file_never_trip_on_each_other(service, tmp_path):
    for round_ in range(6):
        database_url = f"sqlite+aiosqlite:///{tmp_path / f'round-{round_}.db'}"
        assert migrate_together(database_url, service, workers=2) == [0, 0], f"round {round_}"
        assert_migrated(database_url, service)

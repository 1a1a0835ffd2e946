"""SQLite files hold people's names and addresses: the database, its -wal and -shm files and
the migration lock are this user's only (0600), in a var/ folder that is too (0700),
whatever the umask; and a commit waits for its fsync (synchronous FULL) unless set."""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from shared.db import create_engine
from shared.migrations import upgrade_in_thread
from tests.storage.conftest import MIGRATIONS

pytestmark = pytest.mark.integration

WRITE = "INSERT INTO inbox (consumer, message_id, received_at) VALUES ('c', 'm', '2026-01-01')"


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask most systems have (files 0644, folders 0755 unless asked otherwise)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_a_new_database_and_its_folder_are_private(tmp_path, usual_umask):
    var = tmp_path / "checkout" / "var"
    url = f"sqlite+aiosqlite:///{var / 'registrations.db'}"

    await upgrade_in_thread(url, MIGRATIONS)
    engine = create_engine(url)
    async with engine.connect() as connection:  # open: its -wal and -shm files exist
        await connection.execute(text(WRITE))
        await connection.commit()
        files = {path.name: mode(path) for path in var.iterdir()}
    await engine.dispose()

    assert files == {
        "registrations.db": 0o600,
        "registrations.db-wal": 0o600,
        "registrations.db-shm": 0o600,
        "registrations.db.migrating": 0o600,
    }
    assert (mode(var), mode(var.parent)) == (0o700, 0o700)


async def test_a_database_left_readable_by_an_older_run_is_made_private(tmp_path, usual_umask):
    database = tmp_path / "events.db"
    for path in (database, tmp_path / "events.db-wal", tmp_path / "events.db-shm"):
        path.touch(mode=0o644)

    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    await engine.dispose()

    assert {path.name: mode(path) for path in tmp_path.iterdir()} == {
        "events.db": 0o600,
        "events.db-wal": 0o600,
        "events.db-shm": 0o600,
    }


async def test_an_existing_folder_is_left_as_its_owner_made_it(tmp_path, usual_umask):
    shared = tmp_path / "volume"
    shared.mkdir(mode=0o755)

    engine = create_engine(f"sqlite+aiosqlite:///{shared / 'events.db'}")
    await engine.dispose()

    assert (mode(shared), mode(shared / "events.db")) == (0o755, 0o600)


@pytest.mark.parametrize(("level", "pragma"), [(None, 2), ("NORMAL", 1), ("EXTRA", 3)])
async def test_commits_wait_for_their_fsync_unless_set_otherwise(tmp_path, level, pragma):
    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    engine = create_engine(url) if level is None else create_engine(url, synchronous=level)

    async with engine.connect() as connection:
        found = (await connection.execute(text("PRAGMA synchronous"))).scalar_one()
    await engine.dispose()

    assert found == pragma

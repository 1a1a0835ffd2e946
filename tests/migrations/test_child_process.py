"""A service migrates in a child process (shared.migration_process), so that Alembic never
stays in its memory: the child brings a new database to the newest revision, and a failing
migration stops the service's start with the child's own words."""

import asyncio

import pytest

from shared.db import create_engine
from shared.migration_process import at_head, head_revision, upgrade_in_child
from tests.migrations.schema import SERVICES, describe, head_of, migrations_of

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("service", SERVICES)
def test_the_child_brings_a_new_database_to_the_newest_revision(service, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / f'{service}.db'}"

    asyncio.run(upgrade_in_child(url, migrations_of(service)))

    assert describe(url).revision == head_of(service)


def test_a_failing_migration_raises_with_the_childs_last_lines(tmp_path):
    unreachable = "postgresql+asyncpg://nobody@127.0.0.1:1/nothing"

    with pytest.raises(RuntimeError, match=r"migrations failed \(exit 1\)") as failure:
        asyncio.run(upgrade_in_child(unreachable, migrations_of("events")))

    assert "Connect call failed" in str(failure.value) or "refused" in str(failure.value)


@pytest.mark.parametrize("service", SERVICES)
def test_the_head_read_from_the_files_is_alembics_own(service):
    assert head_revision(migrations_of(service)) == head_of(service)


def test_a_database_at_the_newest_revision_needs_no_child_and_a_new_one_does(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'events.db'}"

    async def check() -> bool:
        engine = create_engine(url)
        try:
            return await at_head(engine, migrations_of("events"))
        finally:
            await engine.dispose()

    before = asyncio.run(check())
    asyncio.run(upgrade_in_child(url, migrations_of("events")))
    after = asyncio.run(check())

    assert (before, after) == (False, True)

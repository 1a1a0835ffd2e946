"""Leaving a unit of work (shared.db.LeanSession): what it wrote is kept only if it
committed, and its connection is back in the pool either way, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.integration

PROBE = "CREATE TABLE IF NOT EXISTS session_probe (name VARCHAR(40) PRIMARY KEY)"


async def _names(sessions) -> list[str]:
    async with sessions() as session:
        return list((await session.exec(text("SELECT name FROM session_probe"))).scalars())


def _checked_out(sessions) -> int:
    return sessions.kw["bind"].sync_engine.pool.checkedout()


@pytest.fixture
async def probed(sessions):
    async with sessions() as session:
        await session.exec(text(PROBE))
        await session.commit()
    return sessions


async def test_a_unit_that_committed_keeps_its_row_and_frees_its_connection(probed):
    async with probed() as session:
        await session.exec(text("INSERT INTO session_probe (name) VALUES ('Crema')"))
        await session.commit()
    assert _checked_out(probed) == 0
    assert await _names(probed) == ["Crema"]


async def test_a_unit_left_without_committing_writes_nothing_and_frees_its_connection(probed):
    async with probed() as session:
        await session.exec(text("INSERT INTO session_probe (name) VALUES ('Lodi')"))
    assert _checked_out(probed) == 0
    assert await _names(probed) == []


async def test_a_unit_that_failed_writes_nothing_and_frees_its_connection(probed):
    with pytest.raises(RuntimeError):
        async with probed() as session:
            await session.exec(text("INSERT INTO session_probe (name) VALUES ('Cremona')"))
            raise RuntimeError("the request failed half-way")
    assert _checked_out(probed) == 0
    assert await _names(probed) == []

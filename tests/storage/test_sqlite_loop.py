"""SQLite run in the event loop's thread (shared/sqlite_loop.py): another process holding the
write lock makes a transaction wait in a thread, never on the loop, and the transaction goes
through once the lock is free."""

import asyncio
import sqlite3
import time

import pytest
from sqlalchemy import text

from shared.db import create_engine, session_factory

pytestmark = pytest.mark.integration


@pytest.fixture
async def sessions(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'loop.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE seen (n INTEGER)"))
    yield session_factory(engine)
    await engine.dispose()


async def run(session, sql: str):
    connection = await session.connection()
    return await connection.execute(text(sql))


async def ticks_while(work) -> tuple[object, int]:
    """`work`'s result, and how often a 10 ms ticker ran meanwhile (0: the loop was frozen)."""
    ticked = 0

    async def ticker() -> None:
        nonlocal ticked
        while True:
            await asyncio.sleep(0.01)
            ticked += 1

    running = asyncio.create_task(ticker())
    try:
        return await work, ticked
    finally:
        running.cancel()


async def test_a_lock_held_elsewhere_is_waited_for_off_the_loop(sessions, tmp_path):
    other = sqlite3.connect(tmp_path / "loop.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's writer, holding the lock
    loop = asyncio.get_running_loop()
    loop.call_later(0.3, other.commit)

    async def write() -> float:
        started = time.perf_counter()
        async with sessions() as session:
            await run(session, "INSERT INTO seen VALUES (1)")
            await session.commit()
        return time.perf_counter() - started

    waited, ticked = await ticks_while(write())

    assert waited >= 0.25
    assert ticked >= 10
    async with sessions() as session:
        assert (await run(session, "SELECT count(*) FROM seen")).scalar_one() == 1
    other.close()


async def test_statements_and_rollbacks_keep_their_meaning(sessions):
    async with sessions() as session:
        await run(session, "INSERT INTO seen VALUES (1)")
        await session.rollback()
        await run(session, "INSERT INTO seen VALUES (2)")
        await session.commit()

    async with sessions() as session:
        rows = (await run(session, "SELECT n FROM seen")).scalars().all()

    assert rows == [2]

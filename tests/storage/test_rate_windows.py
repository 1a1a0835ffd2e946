"""The per-address windows behind the form's rate limit and the login throttle, in a real
database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), on a clock the test gives."""

import asyncio

import pytest
from sqlalchemy import text

from shared import rate_windows
from shared.db import create_engine, execute_core, session_factory

pytestmark = pytest.mark.integration

START = 1_800_000_000.0  # seconds since the epoch
ADDRESS = "203.0.113.7"


async def hits(sessions, times, *, limit=3, address=ADDRESS, scope="posts"):
    """The answer to a hit at each of `times`, one after the other."""
    answers = []
    for now in times:
        async with sessions() as session:
            answers.append(
                await rate_windows.hit(
                    session, scope=scope, address=address, limit=limit, now=START + now
                )
            )
    return answers


async def stored(sessions):
    async with sessions() as session:
        connection = await session.connection()
        found = await connection.execute(
            text("SELECT scope, address, hits FROM rate_window ORDER BY scope, address")
        )
        return [tuple(row) for row in found]


async def test_an_address_gets_the_limit_then_waits_for_its_window_to_end(sessions):
    answers = await hits(sessions, [0, 10, 20, 30, 59.5])

    assert answers == [0, 0, 0, 30, 1]  # the window opened at 0 ends at 60


async def test_a_new_window_opens_once_the_last_one_is_over(sessions):
    answers = await hits(sessions, [0, 1, 2, 3, 60, 61, 62, 63])

    assert answers == [0, 0, 0, 57, 0, 0, 0, 57]


async def test_addresses_and_scopes_are_counted_apart(sessions):
    await hits(sessions, [0, 1, 2])

    other_address = await hits(sessions, [3], address="198.51.100.1")
    other_scope = await hits(sessions, [3], scope="login-failures")

    assert (other_address, other_scope) == ([0], [0])
    assert await stored(sessions) == [
        ("login-failures", ADDRESS, 1),
        ("posts", "198.51.100.1", 1),
        ("posts", ADDRESS, 3),
    ]


async def test_a_limit_of_zero_counts_nothing(sessions):
    answers = await hits(sessions, range(50), limit=0)

    assert answers == [0] * 50
    assert await stored(sessions) == []


async def test_a_forgiven_hit_is_taken_back(sessions):
    await hits(sessions, [0, 1, 2])
    async with sessions() as session:
        await rate_windows.forgive(session, scope="posts", address=ADDRESS, now=START + 3)

    answers = await hits(sessions, [4, 5])

    assert answers == [0, 55]


async def test_windows_that_are_over_are_forgotten_and_live_ones_kept(sessions):
    await hits(sessions, [0], address="198.51.100.1")
    await hits(sessions, [30], address=ADDRESS)

    async with sessions() as session:
        forgotten = await rate_windows.forget_idle(session, now=START + 70)

    assert forgotten == 1
    assert await stored(sessions) == [("posts", ADDRESS, 1)]


async def test_concurrent_hits_through_two_engines_get_the_limit_once(database_url, sessions):
    """Two engines are two replicas: 2 x 15 hits at once from one address, limit 10."""
    other_engine = create_engine(database_url)
    others = session_factory(other_engine)

    async def one(factory, now):
        async with factory() as session:
            return await rate_windows.hit(
                session, scope="posts", address=ADDRESS, limit=10, now=START + now
            )

    try:
        answers = await asyncio.gather(
            *(one(factory, i / 100) for i in range(15) for factory in (sessions, others))
        )
    finally:
        await other_engine.dispose()

    assert sum(1 for wait in answers if wait == 0) == 10
    assert await stored(sessions) == [("posts", ADDRESS, 30)]


async def staged_then(sessions, finish, *, failed: bool = False) -> None:
    """A request that stages a hit and writes one window of its own (scope "work"), then
    `finish`es its transaction its own way, then settles."""
    async with sessions() as session:
        await rate_windows.stage_hit(session, scope="posts", address=ADDRESS, limit=3, now=START)
        work = rate_windows._upsert(session.get_bind().dialect.name)
        given = {"hit_scope": "work", "hit_address": ADDRESS, "hit_at": START, "live_since": 0}
        await execute_core(session, work, given)
        await finish(session)
        await rate_windows.settle(session, failed=failed)


async def nothing(session) -> None:
    return None


async def commit(session) -> None:
    await session.commit()


async def rollback(session) -> None:
    await session.rollback()


async def test_a_staged_hit_commits_with_the_requests_change(sessions):
    await staged_then(sessions, commit)

    assert await stored(sessions) == [("posts", ADDRESS, 1), ("work", ADDRESS, 1)]


async def test_a_staged_hit_nobody_committed_is_committed_by_settle(sessions):
    await staged_then(sessions, nothing)

    assert await stored(sessions) == [("posts", ADDRESS, 1), ("work", ADDRESS, 1)]


async def test_a_staged_hit_a_rollback_undid_is_counted_again(sessions):
    await staged_then(sessions, rollback)

    assert await stored(sessions) == [("posts", ADDRESS, 1)]


async def test_a_failed_request_counts_its_hit_and_keeps_nothing_else(sessions):
    await staged_then(sessions, nothing, failed=True)

    assert await stored(sessions) == [("posts", ADDRESS, 1)]


async def test_staged_hits_refuse_past_the_limit_as_committed_ones_do(sessions):
    answers = []
    for now in (0, 1, 2, 3):
        async with sessions() as session:
            answers.append(
                await rate_windows.stage_hit(
                    session, scope="posts", address=ADDRESS, limit=3, now=START + now
                )
            )
            await rate_windows.settle(session)

    assert answers == [0, 0, 0, 57]

"""PostgreSQL drops every connection of the registrations service (two processes) in the
middle of a rush of 300 people for 40 seats: clients get a clear "retry" answer (never a
500), no registration is half-written, none is lost or doubled, the room is never
overbooked, and the service recovers by itself."""

import asyncio

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.faults.accounting import (
    assert_answers_match_rows,
    assert_facts_match_rows,
    assert_mailed_once_each,
    registration_rows,
)
from tests.faults.rush import QUICK_RECOVERY, SEATS, rush_with_breakage
from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = [pytest.mark.faults, pytest.mark.e2e]


def drop_connections(database_url: str) -> None:
    """What a failover or a restarted server does to a service: every connection cut."""

    async def terminate() -> None:
        admin = make_url(TEST_DATABASE_URL or "").set(drivername="postgresql")
        connection = await asyncpg.connect(admin.render_as_string(hide_password=False))
        try:
            await connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = $1 AND pid <> pg_backend_pid()",
                make_url(database_url).database,
            )
        finally:
            await connection.close()

    asyncio.run(terminate())


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="TEST_DATABASE_URL not set: no PostgreSQL")
def test_dropped_database_connections_mid_rush_lose_and_half_write_nothing(tmp_path):
    with (
        fresh_postgres_database() as database,
        running_stack(
            tmp_path,
            env={**QUICK_RECOVERY, "WORKERS": "2"},
            database_urls={"registrations": database},
        ) as stack,
    ):
        event = publish(stack, conference(capacity=SEATS))
        wait_until_registrable(stack, event["slug"])

        outcome = rush_with_breakage(
            stack, event["slug"], breakage=lambda: drop_connections(database)
        )

        assert set(outcome.statuses()) <= {201, 503}
        rows = registration_rows(stack, event["id"])
        assert_answers_match_rows(outcome, rows)
        assert_facts_match_rows(stack, event["id"], rows)
        assert_mailed_once_each(stack, event["id"], rows)

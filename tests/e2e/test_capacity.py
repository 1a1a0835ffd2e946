"""A rush on a small room: never more confirmed than seats, the rest on the waitlist in
order, on SQLite and on PostgreSQL."""

import asyncio
import sqlite3

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.e2e

SEATS = 10
RUSH = 50


async def rush(url: str, everyone) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=RUSH)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        return await asyncio.gather(*(client.post(url, json=p.json()) for p in everyone))


def stored_registrations(database_url: str, event_id: str, status: str) -> int:
    query = (
        "SELECT count(*) FROM registration "
        f"WHERE event_id = '{event_id}' AND status = '{status}'"
    )
    parsed = make_url(database_url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(parsed.database) as connection:
            return int(connection.execute(query).fetchone()[0])

    async def count() -> int:
        dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        connection = await asyncpg.connect(dsn)
        try:
            return int(await connection.fetchval(query))
        finally:
            await connection.close()

    return asyncio.run(count())


@pytest.fixture(params=["sqlite", "postgresql"])
def registrations_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'registrations.db'}"
        return
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
    with fresh_postgres_database() as url:
        yield url


def test_rush_of_50_on_10_seats_confirms_exactly_10(tmp_path, registrations_database):
    config = {
        "database_urls": {"registrations": registrations_database},
        "env": {"WORKERS": "2", "RATE_LIMIT_PER_MINUTE": "0"},
    }
    with running_stack(tmp_path, **config) as stack:
        event = publish(stack, conference(capacity=SEATS))
        wait_until_registrable(stack, event["slug"])
        url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"

        answers = asyncio.run(rush(url, people(RUSH)))

        statuses = sorted(answer.json()["status"] for answer in answers)
        assert [answer.status_code for answer in answers] == [201] * RUSH
        assert statuses == ["confirmed"] * SEATS + ["waitlisted"] * (RUSH - SEATS)
        places = sorted(a.json()["waitlist_place"] for a in answers if a.json()["waitlist_place"])
        assert places == list(range(1, RUSH - SEATS + 1))
        assert stored_registrations(registrations_database, event["id"], "confirmed") == SEATS

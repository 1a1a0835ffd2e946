"""A province registers in the first minute: 2,000 attempts for 150 seats. Exactly 150
confirmed, everyone else waitlisted in order, nobody lost, nobody twice; SQLite and PostgreSQL."""

import asyncio

import httpx
import pytest

from devstack.waiting import wait_until
from tests.support.bus import PEOPLE_FACTS, stream_messages
from tests.support.databases import stored_registrations
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.e2e

SEATS = 150
ATTEMPTS = 2000
IN_FLIGHT = 100


async def rush(url: str, everyone) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=IN_FLIGHT)
    gate = asyncio.Semaphore(IN_FLIGHT)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(person) -> httpx.Response:
            async with gate:
                return await client.post(url, json=person.json())

        return await asyncio.gather(*(one(p) for p in everyone))


def test_rush_of_2000_on_150_seats_loses_and_doubles_nobody(tmp_path, registrations_database):
    config = {
        "database_urls": {"registrations": registrations_database},
        "env": {"WORKERS": "2", "RATE_LIMIT_PER_MINUTE": "0"},
    }
    with running_stack(tmp_path, **config) as stack:
        event = publish(stack, conference(capacity=SEATS))
        wait_until_registrable(stack, event["slug"])
        url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"

        answers = asyncio.run(rush(url, people(ATTEMPTS, tag="rush")))

        bodies = [answer.json() for answer in answers]
        assert [answer.status_code for answer in answers] == [201] * ATTEMPTS
        assert len({body["id"] for body in bodies}) == ATTEMPTS
        assert sum(body["status"] == "confirmed" for body in bodies) == SEATS
        places = sorted(body["waitlist_place"] for body in bodies if body["status"] == "waitlisted")
        assert places == list(range(1, ATTEMPTS - SEATS + 1))
        assert stored_registrations(registrations_database, event["id"], "confirmed") == SEATS
        assert stored_registrations(registrations_database, event["id"], "waitlisted") == (
            ATTEMPTS - SEATS
        )
        wait_until(
            lambda: stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS) == ATTEMPTS,
            timeout=120,
            what="one fact per registration on the bus",
        )

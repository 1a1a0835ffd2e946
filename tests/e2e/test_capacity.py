"""A rush on a small room: never more confirmed than seats, the rest on the waitlist in
order, on SQLite and on PostgreSQL."""

import asyncio

import httpx
import pytest

from tests.support.databases import stored_registrations
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.e2e

SEATS = 10
RUSH = 50


async def rush(url: str, everyone) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=RUSH)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        return await asyncio.gather(*(client.post(url, json=p.json()) for p in everyone))


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

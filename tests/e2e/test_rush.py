"""A province registers in the first minute: 2,000 attempts for 150 seats. Exactly 150
confirmed, everyone else waitlisted in order, nobody lost, nobody twice; and 300 people pick
workshops of 30 seats at once: none over, each line numbered without a gap. SQLite and
PostgreSQL."""

import asyncio
from datetime import date, timedelta

import httpx
import pytest

from devstack.waiting import wait_until
from tests.support.bus import PEOPLE_FACTS, stream_messages
from tests.support.databases import stored_registrations, stored_rows
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable
from tests.support.workshops import SEATS as SEATS_PER_WORKSHOP
from tests.support.workshops import assembly

pytestmark = pytest.mark.e2e

SEATS = 150
ATTEMPTS = 2000
IN_FLIGHT = 100


async def rush(url: str, everyone: list) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=IN_FLIGHT)
    gate = asyncio.Semaphore(IN_FLIGHT)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(person) -> httpx.Response:
            async with gate:
                body = person if isinstance(person, dict) else person.json()
                return await client.post(url, json=body)

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


PICKERS = 300


def test_a_rush_of_300_picking_workshops_fills_each_to_30_and_lines_up_the_rest(
    tmp_path, registrations_database
):
    """ANCI Lombardia's assembly: three workshops of 30 in each of two rounds; 300 people,
    each picking one workshop per round, all at once (acceptance 1 of issue 17)."""
    config = {
        "database_urls": {"registrations": registrations_database},
        "env": {"WORKERS": "2", "RATE_LIMIT_PER_MINUTE": "0"},
    }
    with running_stack(tmp_path, **config) as stack:
        event = publish(stack, {**assembly(date.today() + timedelta(days=20)), "capacity": 400})
        wait_until_registrable(stack, event["slug"])
        url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"
        rounds = workshop_rounds(event)
        picks = [
            {**person.json(), "sessions": [rounds[0][i % 3], rounds[1][(i + 1) % 3]]}
            for i, person in enumerate(people(PICKERS, tag="tavoli"))
        ]

        answers = asyncio.run(rush(url, picks))
        choices = stored_rows(
            registrations_database,
            "SELECT item_id, seated, position FROM session_choice "
            f"WHERE event_id = '{event['id']}'",
        )

        assert [answer.status_code for answer in answers] == [201] * PICKERS
        assert {answer.json()["status"] for answer in answers} == {"confirmed"}
        assert len(choices) == 2 * PICKERS  # none lost
        for item_id in rounds[0] + rounds[1]:
            seated = [row for row in choices if row[0] == item_id and row[1]]
            line = sorted(row[2] for row in choices if row[0] == item_id and not row[1])
            assert len(seated) == SEATS_PER_WORKSHOP, item_id  # never over, none left empty
            assert line == list(range(1, PICKERS // 3 - SEATS_PER_WORKSHOP + 1)), item_id


def workshop_rounds(event: dict) -> tuple[list[int], list[int]]:
    """The item ids of the first round's workshops and of the second's, in programme order."""
    workshops = [item for item in event["programme"] if item.get("seats")]
    first = [item["id"] for item in workshops if "prima sessione" in item["title"]]
    second = [item["id"] for item in workshops if "seconda sessione" in item["title"]]
    return first, second

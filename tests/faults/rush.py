"""A rush of people registering through the JSON API, each retrying with their own
Idempotency-Key until they get an answer, while a test breaks something underneath."""

import asyncio
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.support.mail import recipients
from tests.support.people import Person, people

RETRYABLE = (502, 503, 504)
# Settings that make a broken part come back within seconds instead of minutes.
QUICK_RECOVERY = {
    "RATE_LIMIT_PER_MINUTE": "0",
    "SENDING_LEASE_SECONDS": "5",
    "CONSUMER_ACK_WAIT_SECONDS": "5",
    "RETRY_SCHEDULE_SECONDS": "[1, 1, 1, 2, 2, 2, 3, 3, 5, 5]",
}


@dataclass
class Outcome:
    """Every answer each person got, by email."""

    answers: dict[str, list[tuple[int, str | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def successes(self) -> dict[str, set[str]]:
        return {
            email: {rid for status, rid in got if status in (200, 201) and rid}
            for email, got in self.answers.items()
        }


async def _one(client: httpx.AsyncClient, url: str, person: Person, outcome: Outcome) -> None:
    key = f"key-{person.email}"
    for _ in range(600):  # about two minutes of retries at most
        try:
            answer = await client.post(url, json=person.json(), headers={"Idempotency-Key": key})
        except httpx.TransportError:
            outcome.answers[person.email].append((0, None))
        else:
            rid = answer.json().get("id") if answer.status_code in (200, 201) else None
            outcome.answers[person.email].append((answer.status_code, rid))
            if answer.status_code not in RETRYABLE:
                return
        await asyncio.sleep(0.2)  # a client's backoff between retries, not a wait in the test


async def _rush(url: str, everyone: list[Person], in_flight: int, outcome: Outcome) -> None:
    gate = asyncio.Semaphore(in_flight)
    async with httpx.AsyncClient(timeout=30) as client:

        async def one(person: Person) -> None:
            async with gate:
                await _one(client, url, person, outcome)

        await asyncio.gather(*(one(p) for p in everyone))


def rush_with_breakage(
    stack: Stack,
    slug: str,
    count: int,
    *,
    break_after: int,
    breakage: Callable[[], None],
    in_flight: int = 8,
) -> Outcome:
    """Register `count` people; once `break_after` have an answer, run `breakage` (which
    kills and restarts something) on another thread while the rush goes on."""
    url = api_url(stack, slug)
    outcome = Outcome()
    everyone = people(count, tag="rush")

    def break_when_due() -> None:
        wait_until(lambda: len(outcome.answers) >= break_after, timeout=120, what="rush under way")
        breakage()

    breaker = threading.Thread(target=break_when_due)
    breaker.start()
    asyncio.run(_rush(url, everyone, in_flight, outcome))
    breaker.join()
    return outcome


def assert_registered_once_each(outcome: Outcome, count: int) -> list[str]:
    """Everyone got a success, always the same registration for the same person, and no two
    people share one. Returns the emails."""
    successes = outcome.successes()
    assert len(successes) == count
    assert {email: len(ids) for email, ids in successes.items()} == {e: 1 for e in successes}
    assert len({next(iter(ids)) for ids in successes.values()}) == count
    return sorted(successes)


def api_url(stack: Stack, slug: str) -> str:
    return f"{stack.url('registrations')}/api/events/{slug}/registrations"


def assert_mailed_once_each(stack: Stack, slug: str, emails: list[str]) -> None:
    """Each person has one logical email (one Message-ID: a copy resent after a crash in
    the middle of sending carries the same one), and nobody else got any. A last person
    registered afterwards proves the mail pipeline has drained past them all."""
    [last] = people(1, tag="after")
    answer = httpx.post(api_url(stack, slug), json=last.json(), timeout=30)
    assert answer.status_code == 201, answer.text
    expected = sorted([*emails, last.email])
    wait_until(
        lambda: set(expected) <= set(recipients(read_messages(stack.maildir))),
        timeout=240,
        what="everyone's email",
    )
    per_person: dict[str, set[str]] = defaultdict(set)
    for message in read_messages(stack.maildir):
        per_person[recipients([message])[0]].add(str(message["Message-ID"]))
    assert sorted(per_person) == expected
    assert Counter(len(ids) for ids in per_person.values()) == Counter({1: len(expected)})

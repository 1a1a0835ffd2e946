"""A rush of people registering through the JSON API for far fewer seats than people, each
retrying with their own Idempotency-Key until they get an answer, while a test breaks
something underneath."""

import asyncio
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.support.people import Person, people

SEATS = 40
PEOPLE = 300  # oversubscribed: the waitlist takes the rest, so a fault meets a full room
IN_FLIGHT = 32
RETRYABLE = (502, 503, 504)
# Settings that make a broken part come back within seconds instead of minutes.
QUICK_RECOVERY = {
    "RATE_LIMIT_PER_MINUTE": "0",
    "SENDING_LEASE_SECONDS": "5",
    "CONSUMER_ACK_WAIT_SECONDS": "5",
    "RETRY_SCHEDULE_SECONDS": "[1, 1, 1, 2, 2, 2, 3, 3, 5, 5]",
}


@dataclass(frozen=True)
class Answer:
    """One answer a person got: the HTTP status (0: no answer, the connection broke), and
    on a success the registration's id and status; `at`: when (time.monotonic())."""

    status: int
    registration_id: str | None = None
    registration_status: str | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def success(self) -> bool:
        return self.status in (200, 201)


@dataclass
class Outcome:
    """Every answer each person got, by email."""

    answers: dict[str, list[Answer]] = field(default_factory=lambda: defaultdict(list))

    def successes(self) -> dict[str, set[tuple[str | None, str | None]]]:
        """email -> every (registration id, status) its successes named."""
        return {
            email: {(a.registration_id, a.registration_status) for a in got if a.success}
            for email, got in self.answers.items()
        }

    def successes_between(self, start: float, end: float) -> int:
        return sum(a.success and start <= a.at <= end for got in self.answers.values() for a in got)

    def statuses(self) -> Counter[int]:
        return Counter(answer.status for got in self.answers.values() for answer in got)


async def _one(client: httpx.AsyncClient, url: str, person: Person, outcome: Outcome) -> None:
    key = f"key-{person.email}"
    for _ in range(600):  # about two minutes of retries at most
        try:
            got = await client.post(url, json=person.json(), headers={"Idempotency-Key": key})
        except httpx.TransportError:
            outcome.answers[person.email].append(Answer(0))
        else:
            outcome.answers[person.email].append(_answer(got))
            if got.status_code not in RETRYABLE:
                return
        await asyncio.sleep(0.2)  # a client's backoff between retries, not a wait in the test


def _answer(got: httpx.Response) -> Answer:
    if got.status_code not in (200, 201):
        return Answer(got.status_code)
    body = got.json()
    return Answer(got.status_code, body.get("id"), body.get("status"))


async def _rush(
    url: str, everyone: list[Person], in_flight: int, spread_seconds: float, outcome: Outcome
) -> None:
    gate = asyncio.Semaphore(in_flight)
    limits = httpx.Limits(max_connections=in_flight)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def one(index: int, person: Person) -> None:
            # People arrive over `spread_seconds` (a load shape, not a wait for a state).
            await asyncio.sleep(spread_seconds * index / len(everyone))
            async with gate:
                await _one(client, url, person, outcome)

        await asyncio.gather(*(one(i, p) for i, p in enumerate(everyone)))


def rush_with_breakage(
    stack: Stack,
    slug: str,
    *,
    breakage: Callable[[], None] | None = None,
    break_after: int = PEOPLE // 3,
    count: int = PEOPLE,
    in_flight: int = IN_FLIGHT,
    spread_seconds: float = 0.0,
    tag: str = "rush",
) -> Outcome:
    """Register `count` people; once `break_after` have an answer, run `breakage` (which
    breaks something and mends it) on another thread while the rush goes on. Whatever
    `breakage` raised is raised here, after the rush. `tag` starts everyone's address."""
    url = f"{stack.url('registrations')}/api/events/{slug}/registrations"
    outcome = Outcome()
    failures: list[BaseException] = []

    def break_when_due() -> None:
        try:
            wait_until(lambda: len(outcome.answers) >= break_after, timeout=120, what="rush")
            assert breakage is not None
            breakage()
        except BaseException as error:  # a thread's exception would otherwise be lost
            failures.append(error)

    breaker = threading.Thread(target=break_when_due)
    if breakage is not None:
        breaker.start()
    asyncio.run(_rush(url, people(count, tag=tag), in_flight, spread_seconds, outcome))
    if breakage is not None:
        breaker.join()
    if failures:
        raise failures[0]
    return outcome

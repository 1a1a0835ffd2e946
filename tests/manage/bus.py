"""The signed links registrations put in its facts, read back from the REGISTRATIONS stream."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import nats
from nats.js.errors import NotFoundError

from devstack.stack import Stack
from devstack.waiting import wait_until

KIND = "it.convegni.registrations.registration.{}.v1"


async def _read_stream(nats_url: str) -> list[dict[str, Any]]:
    connection = await nats.connect(nats_url)
    try:
        stream = connection.jetstream()
        state = (await stream.stream_info("REGISTRATIONS")).state
        found = []
        for sequence in range(max(state.first_seq, 1), state.last_seq + 1):
            try:
                message = await stream.get_msg("REGISTRATIONS", sequence)
            except NotFoundError:
                continue
            found.append(json.loads(message.data or b"{}"))
        return found
    finally:
        await connection.close()


def _read_in_thread(nats_url: str) -> list[dict[str, Any]]:
    """Read from a thread of its own: Playwright's sync API keeps a loop running in ours."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _read_stream(nats_url)).result()


def wait_for_fact(stack: Stack, registration_id: str, kind: str) -> dict[str, Any]:
    """The data of the `kind` fact ('confirmed', 'offered', ...) about a registration."""

    def found() -> dict[str, Any] | None:
        facts = _read_in_thread(stack.nats_url)
        return next(
            (
                fact["data"]
                for fact in facts
                if fact["type"] == KIND.format(kind)
                and fact["data"]["registration_id"] == registration_id
            ),
            None,
        )

    return wait_until(found, timeout=30, interval=0.2, what=f"{kind} fact of {registration_id}")


@dataclass(frozen=True)
class Registered:
    id: str
    status: str
    manage_url: str


def registered(stack: Stack, answer: dict[str, Any]) -> Registered:
    fact = wait_for_fact(stack, answer["id"], answer["status"])
    return Registered(answer["id"], answer["status"], fact["manage_url"])

"""Background loops stop when their service stops, even when work arrives at that moment: a
loop that swallowed the cancellation kept a notifications worker alive after shutdown, mailing
and reconnecting until it was killed."""

import asyncio
import re
from pathlib import Path

import pytest

from shared.outbox import OutboxRelay
from shared.wakeups import sleep_until_woken

pytestmark = pytest.mark.unit

PROJECT = Path(__file__).resolve().parents[2]
DEADLINE = 5.0


async def test_woken_before_the_poll_interval_returns_at_once():
    wake = asyncio.Event()
    sleeper = asyncio.create_task(sleep_until_woken(wake, 60))
    await asyncio.sleep(0)
    wake.set()
    done, _ = await asyncio.wait([sleeper], timeout=DEADLINE)
    assert sleeper in done and sleeper.exception() is None


async def test_nobody_waking_it_returns_after_the_poll_interval():
    await asyncio.wait_for(sleep_until_woken(asyncio.Event(), 0.01), timeout=DEADLINE)


async def test_cancelled_in_the_moment_it_is_woken_the_cancellation_wins():
    wake = asyncio.Event()
    sleeper = asyncio.create_task(sleep_until_woken(wake, 60))
    await asyncio.sleep(0)
    wake.set()
    sleeper.cancel()
    done, _ = await asyncio.wait([sleeper], timeout=DEADLINE)
    assert sleeper in done and sleeper.cancelled()


class IdleRelay(OutboxRelay):
    """A relay with nothing to publish that says when it has gone to sleep."""

    def __init__(self) -> None:
        super().__init__(sessions=None, poll_seconds=60)  # type: ignore[arg-type]
        self.idle = asyncio.Event()

    async def publish_pending(self, publisher) -> int:  # type: ignore[no-untyped-def]
        self.idle.set()
        return 0


async def test_the_outbox_relay_stops_when_cancelled_as_a_commit_wakes_it():
    relay = IdleRelay()
    running = asyncio.create_task(relay.run(publisher=None))  # type: ignore[arg-type]
    await asyncio.wait_for(relay.idle.wait(), timeout=DEADLINE)

    relay.wake()
    running.cancel()

    done, _ = await asyncio.wait([running], timeout=DEADLINE)
    assert running in done, "the relay went on after its service stopped"
    assert running.cancelled()


def test_no_loop_waits_for_an_event_with_wait_for():
    # asyncio.wait_for(event.wait(), ...) is the pattern that swallowed the cancellation.
    pattern = re.compile(r"wait_for\(\s*[\w.]+\.wait\(\)")
    offenders = [
        str(path.relative_to(PROJECT))
        for folder in ("shared", "services", "devstack")
        for path in (PROJECT / folder).rglob("*.py")
        if pattern.search(path.read_text())
    ]
    assert offenders == []

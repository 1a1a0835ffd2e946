"""Emails once, honestly: a replica killed (SIGKILL) or a sender cancelled right after the
SMTP server accepted an email, before its "sent" mark. Nothing is lost: another sender sends
what was left. The copies a person may get twice are the emails in flight at that moment (at
most one per connection), counted as raw messages at the sink, and each second copy carries
the first one's Message-ID."""

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.waiting import wait_until
from services.notifications.settings import NotificationsSettings
from services.notifications.workers.sender import Sender
from tests.notifications.owed_emails import address, all_deliveries, owe_confirmations

pytestmark = pytest.mark.integration

ROOT = Path(__file__).parents[2]
PEOPLE = 12
CONNECTIONS = 4
# A send found in "sending" is taken over after 2 x SMTP_TIMEOUT_SECONDS, a claim after the
# sending lease: both short, so the survivor waits seconds. A command that times out on a
# busy machine is retried at once rather than after the default 30 s.
QUICK = {
    "SMTP_TIMEOUT_SECONDS": "2",
    "SENDING_LEASE_SECONDS": "2",
    "RETRY_SCHEDULE_SECONDS": json.dumps([0.2] * 8),
}


def settings(port: int) -> NotificationsSettings:
    quick = {name.lower(): json.loads(value) for name, value in QUICK.items()}
    return NotificationsSettings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_connections=CONNECTIONS, **quick
    )


async def survivor_sends_the_rest(sessions, port: int) -> None:
    """Another replica's sender, until every delivery is sent."""
    sender = Sender(sessions, settings(port))
    try:
        async with asyncio.timeout(60):
            while any(d.status != "sent" for d in await all_deliveries(sessions)):
                if not await sender.send_due():
                    await asyncio.sleep(0.1)  # a dead replica's lease has not run out yet
    finally:
        await sender.close()


def assert_once_but_in_flight(sink, deliveries) -> list[str]:
    """Every person got the email; those who got it twice were in flight (at most one per
    connection), and their copies are the same email. Returns them."""
    copies = sink.copies()
    twice = sorted(person for person, count in copies.items() if count > 1)
    assert set(copies) == {address(n) for n in range(PEOPLE)}
    assert set(copies.values()) <= {1, 2}
    assert len(twice) <= CONNECTIONS
    assert all(len(set(sink.message_ids(person))) == 1 for person in twice)
    assert [d.status for d in deliveries] == ["sent"] * PEOPLE
    resent = {d.recipient_email for d in deliveries if d.resends}
    assert set(twice) <= resent
    assert len(resent) <= CONNECTIONS
    return twice


def killed_at_the_third_acceptance(handler, database_url: str, port: int) -> int:
    """Run a replica's sender as a process; the server keeps the third email, then kills its
    sender (SIGKILL) before answering 250. Returns the replica's exit code."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "SMTP_PORT": str(port),
        "SMTP_CONNECTIONS": str(CONNECTIONS),
        **QUICK,
    }
    command = [sys.executable, "-m", "tests.notifications.sending_replica"]
    replica = subprocess.Popen(command, env=env)
    handler.on_accept = lambda: len(handler.received) == 3 and replica.send_signal(signal.SIGKILL)
    try:
        wait_until(lambda: replica.poll() is not None, timeout=60, what="the replica killed")
    finally:
        replica.kill()
        replica.wait()
    return replica.returncode


async def test_replica_killed_after_acceptance_gets_its_in_flight_emails_resent_once(
    sessions, database_url, sink
):
    handler, port = sink
    await owe_confirmations(sessions, PEOPLE)
    returncode = killed_at_the_third_acceptance(handler, database_url, port)
    handler.on_accept = None
    # The killed replica's other connections may have sent their whole DATA: the sink keeps
    # those too, a moment later.
    wait_until(lambda: handler.in_flight == 0, timeout=30, what="the sink done with its DATA")
    accepted_before = handler.copies()

    await survivor_sends_the_rest(sessions, port)
    deliveries = await all_deliveries(sessions)

    twice = assert_once_but_in_flight(handler, deliveries)
    killed_at = handler.received[2].recipient
    assert killed_at in twice  # accepted, never marked: it goes again, as the same email
    assert set(twice) <= set(accepted_before)
    assert returncode == -signal.SIGKILL


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_sender_cancelled_after_acceptance_loses_nothing_and_repeats_only_in_flight(
    sessions, sink
):
    handler, port = sink
    await owe_confirmations(sessions, PEOPLE)
    sender = Sender(sessions, settings(port))
    first = asyncio.create_task(sender.send_due())
    loop = asyncio.get_running_loop()
    handler.on_accept = lambda: (
        len(handler.received) == 3 and loop.call_soon_threadsafe(first.cancel)
    )

    with pytest.raises(asyncio.CancelledError):
        await first
    await sender.close()  # a stopping service: the 250s it heard are recorded
    handler.on_accept = None
    await survivor_sends_the_rest(sessions, port)
    deliveries = await all_deliveries(sessions)

    assert_once_but_in_flight(handler, deliveries)

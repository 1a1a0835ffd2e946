"""Two senders (two replicas) and a slow SMTP server: a sender that is past half its lease
hands the rest of its batch back instead of racing the other one, so every email is sent
once; what it hands back is due at once, its attempt not counted. A claim another sender took
over is not begun by the one that lost it."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.settings import NotificationsSettings
from services.notifications.usecases import sending
from services.notifications.workers.marks import Marks
from services.notifications.workers.sender import Sender
from tests.notifications.owed_emails import address, all_deliveries, owe_confirmations

pytestmark = pytest.mark.integration

PEOPLE = 6


async def test_two_senders_and_a_slow_server_send_each_email_once(sessions, sink):
    handler, port = sink
    handler.delay = 0.25
    await owe_confirmations(sessions, PEOPLE)
    # A batch of six takes 1.5 s at 0.25 s each on one connection: longer than the lease.
    settings = NotificationsSettings(
        smtp_host="127.0.0.1", smtp_port=port, sending_lease_seconds=1, smtp_connections=1
    )

    async def replica() -> None:
        sender = Sender(sessions, settings)
        try:
            while any(d.status != "sent" for d in await all_deliveries(sessions)):
                if not await sender.send_due():
                    await asyncio.sleep(0.05)  # the other replica holds the rest for now
        finally:
            await sender.close()

    await asyncio.wait_for(asyncio.gather(replica(), replica()), timeout=30)

    assert handler.copies() == {address(n): 1 for n in range(PEOPLE)}
    assert {d.attempts for d in await all_deliveries(sessions)} == {1}


async def test_release_makes_claimed_deliveries_due_at_once_without_counting_the_attempt(
    sessions,
):
    await owe_confirmations(sessions, 2)
    now = datetime.now(UTC)
    async with sessions() as session:
        claimed = await claim(session, now)

    async with sessions() as session:
        await sending.release(
            session=session, delivery_ids=ids(claimed), held=claimed.held, now=now
        )
    async with sessions() as session:
        again = await claim(session, now + timedelta(milliseconds=1))

    assert ids(again) == ids(claimed)
    assert [d.attempts for d in await all_deliveries(sessions)] == [1, 1]


async def test_claim_taken_over_by_another_sender_is_not_begun_by_the_one_that_lost_it(
    sessions,
):
    await owe_confirmations(sessions, 1)
    now = datetime.now(UTC)
    async with sessions() as session:
        first = await claim(session, now, lease_seconds=1)
    async with sessions() as session:
        second = await claim(session, now + timedelta(seconds=2))
    marks = Marks(sessions, send_lease_seconds=60)

    lost = await marks.begin(ids(first)[0], first.held)
    won = await marks.begin(ids(second)[0], second.held)

    assert ids(first) == ids(second)
    assert (lost, won is not None) == (None, True)
    [delivery] = await all_deliveries(sessions)
    assert (delivery.status, delivery.attempts, delivery.resends) == ("sending", 2, 0)


async def claim(session, now: datetime, lease_seconds: float = 120) -> sending.Batch:
    return await sending.claim_batch(
        session=session, now=now, lease_seconds=lease_seconds, limit=50
    )


def ids(batch: sending.Batch) -> list[int]:
    return [outgoing.delivery.id for outgoing in batch.outgoing]

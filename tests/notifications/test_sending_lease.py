"""Two senders (two replicas) and a slow SMTP server: a sender that is past half its lease
hands the rest of its batch back instead of racing the other one, so every email is sent
once; what it hands back is due at once, its attempt not counted."""

import asyncio
import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from devstack.ports import free_port
from services.notifications.settings import NotificationsSettings
from services.notifications.storage.tables import Delivery, KnownEvent
from services.notifications.usecases import deliveries
from services.notifications.workers.sender import send_due
from services.notifications.workers.smtp import Mailer
from shared.contracts import EventSnapshotV1, VenueV1
from shared.contracts.events import OrganizationV1
from shared.db import create_engine, session_factory
from shared.migrations import upgrade

pytestmark = pytest.mark.integration

MIGRATIONS = Path(__file__).parents[2] / "services" / "notifications" / "storage" / "migrations"
EVENT_ID = "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f"
PEOPLE = 6


class Slow:
    """Takes `seconds` to accept each message, and notes whom it was for."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.received: list[str] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        await asyncio.sleep(self.seconds)
        self.received.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def slow_server() -> Iterator[tuple[Slow, int]]:
    handler = Slow(0.25)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def database_url(tmp_path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'notifications.db'}"
    upgrade(url, MIGRATIONS)  # Alembic runs its own event loop: not inside the test's
    return url


@pytest.fixture
async def sessions(database_url):
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()


def welfare() -> EventSnapshotV1:
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    return EventSnapshotV1(
        id=EVENT_ID,
        slug="welfare-area-omogenea-cremasca",
        revision=1,
        calendar_sequence=0,
        status="published",
        title="Coordinare le politiche sociali all'interno dell'Area Omogenea",
        organizer=OrganizationV1(slug="area-omogenea-cremasca", name="Area Omogenea Cremasca"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        venue=VenueV1(name="Sala Pietro da Cemmo", city="Crema"),
        capacity=150,
        page_url="http://localhost:8001/events/welfare-area-omogenea-cremasca",
    )


async def owe_confirmations(sessions, count: int) -> None:
    async with sessions() as session:
        session.add(KnownEvent(event_id=EVENT_ID, revision=1, snapshot=welfare().model_dump_json()))
        for n in range(count):
            key = f"00000000-0000-4000-8000-{n:012d}/confirmed"
            session.add(
                Delivery(
                    key=key,
                    kind="confirmed",
                    registration_id=f"00000000-0000-4000-8000-{n:012d}",
                    event_id=EVENT_ID,
                    recipient_email=f"persona{n}@comune-test.it",
                    recipient_name=f"Persona {n}",
                    message_id=f"<{n}@convegni.localhost>",
                    payload=json.dumps({"mode": "in_person", "manage_url": None}),
                )
            )
        await session.commit()


async def all_deliveries(sessions) -> list[Delivery]:
    async with sessions() as session:
        return list((await session.exec(select(Delivery).order_by(Delivery.id))).all())


async def test_two_senders_and_a_slow_server_send_each_email_once(sessions, slow_server):
    handler, port = slow_server
    await owe_confirmations(sessions, PEOPLE)
    # A batch of six takes 1.5 s at 0.25 s each: longer than the lease of 1 s.
    settings = NotificationsSettings(smtp_host="127.0.0.1", smtp_port=port, sending_lease_seconds=1)

    async def replica() -> None:
        mailer = Mailer(settings)
        try:
            while any(d.status != "sent" for d in await all_deliveries(sessions)):
                if not await send_due(sessions, mailer, settings):
                    await asyncio.sleep(0.05)  # the other replica holds the rest for now
        finally:
            await mailer.close()

    await asyncio.wait_for(asyncio.gather(replica(), replica()), timeout=30)

    assert Counter(handler.received) == {f"persona{n}@comune-test.it": 1 for n in range(PEOPLE)}
    assert {d.attempts for d in await all_deliveries(sessions)} == {1}


async def test_release_makes_claimed_deliveries_due_at_once_without_counting_the_attempt(
    sessions,
):
    await owe_confirmations(sessions, 2)
    now = datetime.now(UTC)
    async with sessions() as session:
        claimed = await deliveries.claim_due(session=session, now=now, lease_seconds=120)

    async with sessions() as session:
        await deliveries.release(session=session, delivery_ids=claimed, now=now)
    async with sessions() as session:
        again = await deliveries.claim_due(
            session=session, now=now + timedelta(milliseconds=1), lease_seconds=120
        )

    assert again == claimed
    assert [d.attempts for d in await all_deliveries(sessions)] == [1, 1]

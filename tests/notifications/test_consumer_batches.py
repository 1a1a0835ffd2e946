"""The registrations consumer hears a fetched batch in one transaction: what it keeps is what
hearing each fact alone keeps, and a fact that fails does not hold the others back: the
batch is heard again one by one, and only the failing fact is retried (then dead-lettered)."""

import asyncio
import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import nats
import pytest

from devstack.natsserver import NatsServer
from devstack.ports import free_port
from devstack.waiting import wait_until_async
from services.notifications.settings import NotificationsSettings
from services.notifications.storage.tables import KnownEvent
from services.notifications.workers import consumers
from shared.bus.consumer import Batched, ConsumerSpec, Heard, run_consumer
from shared.bus.deadletters import list_dead_letters
from shared.bus.publisher import Publisher
from shared.bus.streams import ensure_streams
from shared.contracts import (
    EventSnapshotV1,
    PersonV1,
    RegistrationCancelledV1,
    RegistrationConfirmedV1,
    VenueV1,
)
from shared.contracts.envelope import Envelope
from shared.contracts.events import OrganizationV1
from shared.db import create_engine, session_factory
from shared.migrations import upgrade

pytestmark = pytest.mark.integration

MIGRATIONS = Path(__file__).parents[2] / "services" / "notifications" / "storage" / "migrations"
EVENT_ID = "5b0e6c1e-1111-4c1e-9a43-1a2b3c4d5e6f"
STARTS = datetime.now(UTC) + timedelta(days=20)
REFUSED = "refused-registration"
SUBJECT = "registrations.registration.confirmed"


def snapshot() -> EventSnapshotV1:
    return EventSnapshotV1(
        id=EVENT_ID,
        slug="batch",
        revision=1,
        calendar_sequence=0,
        status="published",
        title="Convegno a lotti",
        organizer=OrganizationV1(slug="org", name="Comune di Crema"),
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=3),
        venue=VenueV1(name="Sala Pietro da Cemmo", city="Crema"),
        capacity=100,
        page_url="https://convegni.example.it/events/batch",
    )


def confirmed(registration_id: str, n: int) -> Envelope:
    person = PersonV1(first_name="Anna", last_name=f"Lotti{n}", email=f"anna{n}@comune-test.it")
    fact = RegistrationConfirmedV1(
        registration_id=registration_id,
        event_id=EVENT_ID,
        event_revision=1,
        person=person,
        manage_url=f"https://iscrizioni.example.it/r/{n}",
        at=datetime.now(UTC),
    )
    return Envelope.wrap(fact, source="/test")


def cancelled(registration_id: str, n: int) -> Envelope:
    person = PersonV1(first_name="Anna", last_name=f"Lotti{n}", email=f"anna{n}@comune-test.it")
    fact = RegistrationCancelledV1(
        registration_id=registration_id,
        event_id=EVENT_ID,
        event_revision=1,
        person=person,
        reason="by_person",
        held_seat=True,
        at=datetime.now(UTC) + timedelta(seconds=1),
    )
    return Envelope.wrap(fact, source="/test")


def database(folder: Path) -> Path:
    """A migrated database that refuses one registration's participant row (a fault of the
    database's own)."""
    path = folder / "notifications.db"
    upgrade(f"sqlite+aiosqlite:///{path}", MIGRATIONS)
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON participant "
            f"WHEN NEW.registration_id = '{REFUSED}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    return path


@pytest.fixture
def databases(tmp_path) -> tuple[Path, Path]:
    """Two such databases (Alembic runs its own event loop: not inside the test's)."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    return database(tmp_path / "one"), database(tmp_path / "two")


@asynccontextmanager
async def hearing(path: Path) -> AsyncIterator[Batched]:
    """The registrations consumer's handler on that database, with the event known."""
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    sessions = session_factory(engine)
    async with sessions() as session:
        event = snapshot()
        session.add(KnownEvent(event_id=EVENT_ID, revision=1, snapshot=event.model_dump_json()))
        await session.commit()
    ctx = SimpleNamespace(
        settings=NotificationsSettings(),
        sessions=sessions,
        sender_wake=asyncio.Event(),
        scheduler_wake=asyncio.Event(),
    )
    handlers = dict(consumers.consumers(ctx))  # type: ignore[arg-type]  # what the lifespan reads
    [handler] = [
        h for spec, h in handlers.items() if spec.durable == consumers.REGISTRATIONS_CONSUMER
    ]
    assert isinstance(handler, Batched)
    try:
        yield handler
    finally:
        await engine.dispose()


def rows(path: Path, query: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


def kept(path: Path) -> dict[str, list[tuple]]:
    """What hearing left, without ids or times: participants, deliveries, scheduled mail."""
    return {
        "participant": rows(path, "SELECT registration_id, status FROM participant ORDER BY 1"),
        "delivery": rows(path, "SELECT key, kind, payload FROM delivery ORDER BY key"),
        "scheduled": rows(path, "SELECT key, status FROM scheduled_mail ORDER BY key"),
        "inbox": rows(path, "SELECT message_id FROM inbox ORDER BY 1"),
    }


def heard(envelopes: list[Envelope]) -> list[Heard]:
    return [Heard(e, "registrations.registration.x", "") for e in envelopes]


async def test_batch_keeps_what_hearing_each_alone_keeps(databases):
    ids = [str(uuid.uuid4()) for _ in range(3)]
    # The same registration twice in one batch: its cancellation reads its confirmation.
    envelopes = [confirmed(ids[0], 0), confirmed(ids[1], 1), cancelled(ids[0], 0)]
    envelopes.append(confirmed(ids[2], 2))
    # A later batch about a registration heard before: its participant read with the batch's.
    later = [cancelled(ids[1], 1), confirmed(str(uuid.uuid4()), 3)]
    batched, alone = databases

    async with hearing(batched) as handler:
        await handler.batch(heard(envelopes))
        await handler.batch(heard(envelopes))  # redelivered: changes nothing
        await handler.batch(heard(later))
    async with hearing(alone) as handler:
        for envelope in [*envelopes, *later]:
            await handler(envelope)

    assert kept(batched) == kept(alone)
    assert [kind for _, kind, _ in kept(batched)["delivery"]].count("cancelled") == 2
    assert len(kept(batched)["delivery"]) == 6
    assert dict(kept(batched)["participant"])[ids[0]] == "cancelled"
    assert dict(kept(batched)["participant"])[ids[1]] == "cancelled"


@pytest.fixture(scope="module")
def nats_server(tmp_path_factory):
    server = NatsServer(port=free_port(), store_dir=tmp_path_factory.mktemp("js")).start()
    yield server
    server.stop()


async def test_failing_fact_is_retried_alone_and_the_rest_of_its_batch_is_kept(
    databases, nats_server
):
    client = await nats.connect(nats_server.url)
    js = client.jetstream()
    await ensure_streams(js, replicas=1)
    good = [confirmed(str(uuid.uuid4()), n) for n in range(5)]
    bad = confirmed(REFUSED, 9)
    for envelope in [*good[:2], bad, *good[2:]]:  # fetched together, the bad one amid them
        data = envelope.model_dump_json().encode()
        await Publisher(js).publish_raw(SUBJECT, data, message_id=envelope.id)
    spec = ConsumerSpec(
        stream="REGISTRATIONS",
        durable="notifications-batch-test",
        subjects=(SUBJECT,),
        max_deliver=2,
        backoff_seconds=(0.1,),
    )
    path = databases[0]

    async with hearing(path) as handler:
        task = asyncio.create_task(run_consumer(js, spec, handler))
        try:
            [letter] = await wait_until_async(lambda: list_dead_letters(js), seconds=30)
        finally:
            task.cancel()
    await client.close()

    assert letter.envelope_id == bad.id
    assert "refused" in letter.error
    assert kept(path)["inbox"] == sorted((e.id,) for e in good)
    assert len(kept(path)["delivery"]) == len(good)

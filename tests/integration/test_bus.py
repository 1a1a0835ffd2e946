"""The bus helpers against a real nats-server: outbox relay, duplicates, dead letters, inbox."""

import asyncio
import itertools
from datetime import UTC, datetime

import nats
import pytest
from sqlmodel import col, func, select

from devstack.natsserver import NatsServer
from devstack.ports import free_port
from devstack.waiting import wait_until_async
from shared.bus.consumer import ConsumerSpec, run_consumer
from shared.bus.publisher import Publisher
from shared.bus.streams import ensure_streams
from shared.contracts import Envelope, PersonV1, RegistrationConfirmedV1
from shared.db import create_engine, service_metadata, session_factory
from shared.inbox import InboxMessage, run_once
from shared.outbox import OutboxMessage, OutboxRelay, add_to_outbox

pytestmark = pytest.mark.integration

_numbers = itertools.count()


def confirmed(n: int) -> RegistrationConfirmedV1:
    return RegistrationConfirmedV1(
        registration_id=f"reg-{n}",
        event_id="event-1",
        event_revision=1,
        person=PersonV1(first_name="Anna", last_name="Colombo", email=f"anna{n}@comune-test.it"),
        at=datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def nats_server(tmp_path_factory):
    server = NatsServer(port=free_port(), store_dir=tmp_path_factory.mktemp("js")).start()
    yield server
    server.stop()


@pytest.fixture
async def js(nats_server):
    client = await nats.connect(nats_server.url)
    context = client.jetstream()
    await ensure_streams(context, replicas=1)
    for stream in ("REGISTRATIONS", "DEADLETTERS"):
        await context.purge_stream(stream)
    yield context
    await client.close()


@pytest.fixture
async def sessions(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bus.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(service_metadata(OutboxMessage, InboxMessage).create_all)
    yield session_factory(engine)
    await engine.dispose()


async def stream_envelopes(js, stream: str) -> list[Envelope]:
    info = await js.stream_info(stream)
    return [
        Envelope.model_validate_json((await js.get_msg(stream, seq)).data)
        for seq in range(info.state.first_seq, info.state.last_seq + 1)
    ]


async def dead_letters(js) -> int:
    return int((await js.stream_info("DEADLETTERS")).state.messages)


async def test_relay_publishes_pending_rows_in_order_then_nothing(js, sessions):
    facts = [confirmed(n) for n in range(3)]
    async with sessions() as session:
        for fact in facts:
            add_to_outbox(session, fact, source="/test")
        await session.commit()
    relay = OutboxRelay(sessions)

    first = await relay.publish_pending(Publisher(js))
    second = await relay.publish_pending(Publisher(js))

    envelopes = await stream_envelopes(js, "REGISTRATIONS")
    assert (first, second) == (3, 0)
    assert [e.id for e in envelopes] == [fact.message_id() for fact in facts]
    async with sessions() as session:
        pending = select(func.count()).where(col(OutboxMessage.published_at).is_(None))
        assert (await session.exec(pending)).one() == 0


async def test_same_message_id_published_twice_is_stored_once(js):
    envelope = Envelope.wrap(confirmed(7), source="/test")
    publisher = Publisher(js)

    for _ in range(2):
        await publisher.publish_raw(
            "registrations.registration.confirmed",
            envelope.model_dump_json().encode(),
            message_id=envelope.id,
        )

    assert [e.id for e in await stream_envelopes(js, "REGISTRATIONS")] == [envelope.id]


async def test_failing_handler_gives_up_after_max_deliver_into_dead_letters(js):
    envelope = Envelope.wrap(confirmed(9), source="/test")
    attempts: list[str] = []

    async def always_fails(received: Envelope) -> None:
        attempts.append(received.id)
        raise RuntimeError("template missing")

    spec = ConsumerSpec(
        stream="REGISTRATIONS",
        durable=f"failing-{next(_numbers)}",
        subjects=("registrations.>",),
        max_deliver=3,
        backoff_seconds=(0.05, 0.05),
    )
    await Publisher(js).publish_raw(
        "registrations.registration.confirmed",
        envelope.model_dump_json().encode(),
        message_id=envelope.id,
    )

    consumer = asyncio.create_task(run_consumer(js, spec, always_fails))
    try:
        await wait_until_async(lambda: dead_letters(js), seconds=20)
    finally:
        consumer.cancel()

    dead = await js.get_msg("DEADLETTERS", (await js.stream_info("DEADLETTERS")).state.last_seq)
    assert attempts == [envelope.id] * 3
    assert dead.subject == f"deadletters.{spec.durable}.registrations.registration.confirmed"
    assert dead.headers["Convegni-Error"] == "RuntimeError: template missing"
    assert Envelope.model_validate_json(dead.data).id == envelope.id


async def test_run_once_applies_a_redelivered_message_once(sessions):
    applied: list[int] = []

    async def effect(session) -> None:
        applied.append(1)
        add_to_outbox(session, confirmed(len(applied) + 100), source="/test")

    results = [
        await run_once(sessions, consumer="test", message_id="m-1", effect=effect) for _ in range(3)
    ]

    assert results == [True, False, False]
    async with sessions() as session:
        assert (await session.exec(select(func.count()).select_from(OutboxMessage))).one() == 1

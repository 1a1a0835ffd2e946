"""`python -m shared.bus.backup` against real nats-servers: a dump holds every stored message
in order and moves no consumer; a restore brings the messages back with their Nats-Msg-Id,
and refuses a stream that holds messages unless forced."""

import asyncio
import base64
import json
from datetime import UTC, datetime

import nats
import pytest
from nats.js.api import ConsumerConfig
from nats.js.errors import NotFoundError

from devstack.natsserver import NatsServer
from devstack.ports import free_port
from shared.bus.publisher import Publisher
from shared.bus.streams import DUPLICATE_WINDOW_SECONDS, STREAMS, ensure_streams
from shared.contracts import Envelope, PersonV1, RegistrationConfirmedV1
from tests.backups.commands import bus_backup

pytestmark = pytest.mark.integration

STREAM = "REGISTRATIONS"
SUBJECT = "registrations.registration.confirmed"
PEOPLE = [("Chiara", "Greco"), ("Davide", "Bruno"), ("Elena", "Gallo")]


@pytest.fixture
def new_server(tmp_path):
    """Start a nats-server of its own (own port, own store) for each call."""
    started: list[NatsServer] = []

    def start() -> NatsServer:
        store = tmp_path / f"jetstream-{len(started)}"
        started.append(NatsServer(port=free_port(), store_dir=store).start())
        return started[-1]

    yield start
    for server in started:
        server.stop()


def on(server: NatsServer, work):
    """Run `work(js)` on a connection to `server`."""

    async def connected():
        client = await nats.connect(server.url)
        try:
            return await work(client.jetstream())
        finally:
            await client.close()

    return asyncio.run(connected())


def confirmed(first_name: str, last_name: str) -> Envelope:
    person = PersonV1(
        first_name=first_name,
        last_name=last_name,
        email=f"{first_name.lower()}.{last_name.lower()}@comune-test.it",
    )
    fact = RegistrationConfirmedV1(
        registration_id=f"welfare-{last_name.lower()}",
        event_id="7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        event_revision=1,
        person=person,
        at=datetime(2024, 11, 12, 9, 30, tzinfo=UTC),
    )
    return Envelope.wrap(fact, source="/convegni/registrations")


def with_registrations(server: NatsServer) -> list[Envelope]:
    """The streams as the services make them, three confirmations in REGISTRATIONS."""
    envelopes = [confirmed(*person) for person in PEOPLE]

    async def publish(js):
        await ensure_streams(js, replicas=1)
        for envelope in envelopes:
            payload = envelope.model_dump_json().encode()
            await Publisher(js).publish_raw(SUBJECT, payload, message_id=envelope.id)

    on(server, publish)
    return envelopes


def stored(server: NatsServer, stream: str) -> list[tuple[int, str, str | None, bytes]]:
    """(sequence, subject, Nats-Msg-Id, data) of every message the stream holds."""

    async def read(js):
        last = (await js.stream_info(stream)).state.last_seq
        found = []
        for sequence in range(1, last + 1):
            try:
                raw = await js.get_msg(stream, sequence)
            except NotFoundError:
                continue
            found.append((raw.seq, raw.subject, (raw.headers or {}).get("Nats-Msg-Id"), raw.data))
        return found

    return on(server, read)


def test_dump_holds_every_stored_message_in_order_with_subject_headers_and_data(
    new_server, tmp_path
):
    server = new_server()
    envelopes = with_registrations(server)
    on(server, lambda js: js.delete_msg(STREAM, 2))  # a gap, as a replayed dead letter leaves
    dump = tmp_path / "REGISTRATIONS.jsonl"

    done = bus_backup(server.url, "dump", "--stream", STREAM, "--out", dump)
    to_stdout = bus_backup(server.url, "dump", "--stream", STREAM, "--out", "-")

    lines = [json.loads(line) for line in dump.read_text().splitlines()]
    assert done.stderr == "dumped 2 messages of REGISTRATIONS\n"
    assert [(line["stream"], line["sequence"], line["subject"]) for line in lines] == [
        (STREAM, 1, SUBJECT),
        (STREAM, 3, SUBJECT),
    ]
    assert [line["headers"]["Nats-Msg-Id"] for line in lines] == [envelopes[0].id, envelopes[2].id]
    assert [Envelope.model_validate_json(base64.b64decode(line["data"])) for line in lines] == [
        envelopes[0],
        envelopes[2],
    ]
    assert datetime.fromisoformat(lines[0]["time"]).tzinfo is not None
    assert to_stdout.stdout == dump.read_text()
    assert not dump.with_name(dump.name + ".partial").exists()


def test_dump_leaves_the_durable_consumers_where_they_were(new_server, tmp_path):
    server = new_server()
    with_registrations(server)

    async def one_handled(js):
        durable = "notifications-registrations"
        await js.add_consumer(STREAM, ConsumerConfig(durable_name=durable, filter_subject=SUBJECT))
        subscription = await js.pull_subscribe_bind(durable=durable, stream=STREAM)
        [message] = await subscription.fetch(batch=1, timeout=5)
        await message.ack_sync()

    async def consumers(js):
        return [
            (c.name, c.delivered.stream_seq, c.ack_floor.stream_seq, c.num_pending)
            for c in await js.consumers_info(STREAM)
        ]

    on(server, one_handled)
    before = on(server, consumers)

    bus_backup(server.url, "dump", "--stream", STREAM, "--out", tmp_path / "dump.jsonl")

    assert before == [("notifications-registrations", 1, 1, 2)]
    assert on(server, consumers) == before


def test_restore_into_a_new_server_brings_back_each_message_with_its_message_id(
    new_server, tmp_path
):
    old, new = new_server(), new_server()
    with_registrations(old)
    dump = tmp_path / "REGISTRATIONS.jsonl"
    bus_backup(old.url, "dump", "--stream", STREAM, "--out", dump)

    done = bus_backup(new.url, "restore", "--in", dump)

    config = on(new, lambda js: js.stream_info(STREAM)).config
    assert done.stderr == "restored 3 messages to REGISTRATIONS (0 duplicates dropped)\n"
    assert stored(new, STREAM) == stored(old, STREAM)
    assert (config.subjects, config.duplicate_window) == (
        STREAMS[STREAM],
        DUPLICATE_WINDOW_SECONDS,
    )


def test_restore_into_a_stream_holding_messages_is_refused_without_force(new_server, tmp_path):
    server = new_server()
    with_registrations(server)
    dump = tmp_path / "REGISTRATIONS.jsonl"
    bus_backup(server.url, "dump", "--stream", STREAM, "--out", dump)
    before = stored(server, STREAM)

    refused = bus_backup(server.url, "restore", "--in", dump, expect=1)

    assert refused.stderr == "refused: REGISTRATIONS holds 3 messages already (--force adds)\n"
    assert stored(server, STREAM) == before


def test_forced_restore_within_the_duplicate_window_adds_no_message_twice(new_server, tmp_path):
    server = new_server()
    with_registrations(server)
    dump = tmp_path / "REGISTRATIONS.jsonl"
    bus_backup(server.url, "dump", "--stream", STREAM, "--out", dump)
    before = stored(server, STREAM)

    forced = bus_backup(server.url, "restore", "--in", dump, "--force")

    assert forced.stderr == "restored 0 messages to REGISTRATIONS (3 duplicates dropped)\n"
    assert stored(server, STREAM) == before

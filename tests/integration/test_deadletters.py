"""Dead letters against a real nats-server: seen with their error, replayed once, then gone."""

import asyncio
import itertools
import sys
from datetime import UTC, datetime

import nats
import pytest

from devstack.natsserver import NatsServer
from devstack.ports import free_port
from devstack.waiting import wait_until_async
from shared.bus.consumer import ConsumerSpec, run_consumer
from shared.bus.deadletters import DeadLetterNotFound, list_dead_letters, replay
from shared.bus.publisher import Publisher
from shared.bus.streams import ensure_streams
from shared.contracts import Envelope, PersonV1, RegistrationConfirmedV1

pytestmark = pytest.mark.integration

SUBJECT = "registrations.registration.confirmed"
_numbers = itertools.count()


def confirmed(n: int) -> Envelope:
    fact = RegistrationConfirmedV1(
        registration_id=f"reg-dl-{n}",
        event_id="event-1",
        event_revision=1,
        person=PersonV1(first_name="Chiara", last_name="Greco", email=f"chiara{n}@comune-test.it"),
        at=datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
    )
    return Envelope.wrap(fact, source="/test")


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


class Flaky:
    """A handler that raises while `broken`, and records what it handled once mended."""

    def __init__(self) -> None:
        self.broken = True
        self.handled: list[str] = []

    async def __call__(self, envelope: Envelope) -> None:
        if self.broken:
            raise RuntimeError("SMTP settings missing")
        self.handled.append(envelope.id)

    async def has_handled(self, envelope: Envelope) -> bool:
        return envelope.id in self.handled


@pytest.fixture
async def flaky_consumer(js):
    """A consumer giving up after two attempts, a tenth of a second apart."""
    handler = Flaky()
    spec = ConsumerSpec(
        stream="REGISTRATIONS",
        durable=f"mailer-{next(_numbers)}",
        subjects=("registrations.>",),
        max_deliver=2,
        backoff_seconds=(0.1,),
    )
    task = asyncio.create_task(run_consumer(js, spec, handler))
    yield spec, handler
    task.cancel()


async def publish(js, envelope: Envelope) -> None:
    await Publisher(js).publish_raw(
        SUBJECT, envelope.model_dump_json().encode(), message_id=envelope.id
    )


async def dead_lettered(js, envelope: Envelope) -> int:
    """Publish a message the consumer fails on; its dead letter's sequence once it is there."""
    await publish(js, envelope)
    [letter] = await wait_until_async(lambda: list_dead_letters(js), seconds=20)
    return letter.sequence


async def stored(js, stream: str) -> int:
    return int((await js.stream_info(stream)).state.messages)


async def test_dead_letter_is_listed_with_its_consumer_subject_and_error(js, flaky_consumer):
    spec, _ = flaky_consumer
    envelope = confirmed(1)

    sequence = await dead_lettered(js, envelope)
    letters = await list_dead_letters(js)

    [letter] = letters
    assert (letter.sequence, letter.consumer, letter.subject) == (sequence, spec.durable, SUBJECT)
    assert letter.error == "RuntimeError: SMTP settings missing"
    assert letter.envelope_id == envelope.id
    assert letter.time is not None
    assert await list_dead_letters(js, consumer=spec.durable) == letters
    assert await list_dead_letters(js, consumer="someone-else") == []


async def test_replay_after_the_fix_is_handled_once_and_leaves_no_dead_letter(js, flaky_consumer):
    _, handler = flaky_consumer
    envelope, sentinel = confirmed(2), confirmed(3)
    sequence = await dead_lettered(js, envelope)

    handler.broken = False
    await replay(js, sequence)
    await publish(js, sentinel)  # handled in order: once it is, the replay was handled
    await wait_until_async(lambda: handler.has_handled(sentinel), seconds=20)

    assert handler.handled == [envelope.id, sentinel.id]
    assert await list_dead_letters(js) == []


async def test_replaying_a_replayed_dead_letter_is_refused_and_publishes_nothing(
    js, flaky_consumer
):
    _, handler = flaky_consumer
    sequence = await dead_lettered(js, confirmed(4))
    handler.broken = False
    await replay(js, sequence)
    published = await stored(js, "REGISTRATIONS")

    with pytest.raises(DeadLetterNotFound, match=f"no dead letter {sequence}"):
        await replay(js, sequence)

    assert await stored(js, "REGISTRATIONS") == published


async def cli(nats_url: str, *args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "shared.bus.deadletters",
        "--nats",
        nats_url,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    return process.returncode or 0, output.decode()


async def test_cli_lists_replays_and_refuses_a_second_replay(js, nats_server, flaky_consumer):
    spec, handler = flaky_consumer
    envelope = confirmed(5)
    sequence = await dead_lettered(js, envelope)
    handler.broken = False

    listed = await cli(nats_server.url, "list", "--consumer", spec.durable)
    replayed = await cli(nats_server.url, "replay", str(sequence))
    again = await cli(nats_server.url, "replay", str(sequence))

    code, output = listed
    [line] = output.splitlines()
    assert code == 0
    assert line.split("\t")[0] == str(sequence)
    assert line.split("\t")[2:] == [
        spec.durable,
        SUBJECT,
        envelope.id,
        "RuntimeError: SMTP settings missing",
    ]
    assert replayed == (0, f"replayed {sequence}\n")
    assert again[0] == 1
    assert f"no dead letter {sequence}" in again[1]

"""The whole system backed up while it runs (each service's database, then every stream) and
restored elsewhere (new databases, a new nats-server): the event, the registration and its
email are back, each database at its service's newest revision, and the consumers, reading
every restored message again, change nothing and mail no one twice."""

import asyncio
from contextlib import ExitStack
from pathlib import Path

import httpx
import nats
import pytest

from devstack.mailsink.store import read_messages
from devstack.natsserver import NatsServer
from devstack.ports import free_port
from devstack.waiting import wait_until
from shared.bus.streams import STREAMS
from shared.settings import DEVELOPMENT_SECRET
from tests.backups.commands import back_up_database, bus_backup, restore_database
from tests.migrations.schema import SERVICES, describe, head_of
from tests.support.databases import (
    TEST_DATABASE_URL,
    fresh_postgres_database,
    stored_registrations,
)
from tests.support.people import Person
from tests.support.system import (
    conference,
    post_form,
    publish,
    register_url,
    running_stack,
    wait_until_registrable,
)

pytestmark = pytest.mark.integration

CHIARA = Person("Chiara", "Greco", "chiara.greco@comune-test.it", "Comune di Crema")
OPERATOR = {"Authorization": f"Bearer {DEVELOPMENT_SECRET}"}  # OPS_TOKEN, development value


@pytest.fixture(params=["sqlite", "postgresql"])
def new_databases(request, tmp_path):
    """Call it for a set of empty databases, one per service (SQLite files under `where`)."""
    if request.param == "postgresql" and not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
    with ExitStack() as stack:

        def make(where: Path) -> dict[str, str]:
            if request.param == "sqlite":
                return {name: f"sqlite+aiosqlite:///{where / (name + '.db')}" for name in SERVICES}
            return {name: stack.enter_context(fresh_postgres_database()) for name in SERVICES}

        yield make


def what_an_operator_sees(stack, slug: str) -> dict:
    event = httpx.get(f"{stack.url('events')}/api/events/{slug}").json()
    seats = httpx.get(f"{stack.url('registrations')}/api/events/{slug}/availability").json()
    deliveries = httpx.get(f"{stack.url('notifications')}/api/deliveries", headers=OPERATOR)
    return {
        "event": (event["title"], event["status"], event["revision"]),
        "programme": [item["title"] for item in event["programme"]],
        "seats left": seats["seats_left"],
        "deliveries": [(d["recipient_email"], d["kind"], d["status"]) for d in deliveries.json()],
    }


def on_server(nats_url: str, read):
    async def connected():
        client = await nats.connect(nats_url)
        try:
            js = client.jetstream()
            return {stream: await read(js, stream) for stream in STREAMS}
        finally:
            await client.close()

    return asyncio.run(connected())


def messages_in(nats_url: str) -> dict[str, int]:
    """Per stream, how many messages it holds (`nats stream ls`)."""

    async def count(js, stream):
        return (await js.stream_info(stream)).state.messages

    return on_server(nats_url, count)


def consumers_of(nats_url: str) -> dict[str, dict[str, tuple[int, int]]]:
    """Per stream, each durable consumer's (messages not yet delivered, not yet acked)."""

    async def consumers(js, stream):
        return {c.name: (c.num_pending, c.num_ack_pending) for c in await js.consumers_info(stream)}

    return on_server(nats_url, consumers)


def caught_up(nats_url: str, durables: dict[str, set[str]]) -> bool:
    """Every one of these consumers exists and has handled everything its stream holds."""
    found = consumers_of(nats_url)
    return all(
        set(found[stream]) >= names and all(found[stream][n] == (0, 0) for n in names)
        for stream, names in durables.items()
    )


def use_then_back_up(databases: dict[str, str], var_dir: Path, backups: Path) -> dict:
    """Run the system: publish the welfare convegno, register Chiara, wait until her email is
    sent; back up while it runs. What the operator saw, and the bus, at the backup."""
    with running_stack(var_dir, database_urls=databases) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        post_form(register_url(stack, event["slug"]), CHIARA.form())
        wait_until(
            lambda: what_an_operator_sees(stack, event["slug"])["deliveries"][0][2] == "sent",
            timeout=60,
            what="the confirmation email sent",
        )
        for service, url in databases.items():  # the databases first...
            back_up_database(url, backups / service)
        for stream in STREAMS:  # ...then the streams, which then hold every fact they published
            bus_backup(stack.nats_url, "dump", "--stream", stream, "--out", backups / stream)
        return {
            "event": event,
            "seen": what_an_operator_sees(stack, event["slug"]),
            "messages": messages_in(stack.nats_url),
            "durables": {stream: set(c) for stream, c in consumers_of(stack.nats_url).items()},
        }


def restore_then_start(databases: dict[str, str], var_dir: Path, backups: Path, then: dict) -> dict:
    """Restore into these new databases and a new nats-server, start the system on them and
    wait until its consumers have read every restored message again."""
    for service, url in databases.items():
        restore_database(backups / service, url)
    revisions = {service: describe(url).revision for service, url in databases.items()}
    server = NatsServer(port=free_port(), store_dir=var_dir / "nats").start()
    try:
        for stream in STREAMS:
            bus_backup(server.url, "restore", "--in", backups / stream)
        with running_stack(var_dir, nats_url=server.url, database_urls=databases) as stack:
            wait_until(
                lambda: caught_up(server.url, then["durables"]),
                timeout=60,
                what="consumers caught up",
            )
            return {
                "revisions": revisions,
                "seen": what_an_operator_sees(stack, then["event"]["slug"]),
                "messages": messages_in(server.url),
                "mailed": read_messages(stack.maildir),
            }
    finally:
        server.stop()


def test_system_backed_up_while_running_comes_back_whole_on_new_databases_and_server(
    new_databases, tmp_path
):
    backups = tmp_path / "backups"
    backups.mkdir()
    before = use_then_back_up(new_databases(tmp_path / "before"), tmp_path / "before", backups)
    restored = new_databases(tmp_path / "after")

    after = restore_then_start(restored, tmp_path / "after", backups, before)

    assert after["revisions"] == {service: head_of(service) for service in SERVICES}
    assert after["seen"] == before["seen"]
    assert before["seen"]["deliveries"] == [(CHIARA.email, "confirmed", "sent")]
    assert after["messages"] == before["messages"]
    assert before["messages"]["EVENTS"] > 0 and before["messages"]["REGISTRATIONS"] > 0
    event_id = before["event"]["id"]
    assert stored_registrations(restored["registrations"], event_id, "confirmed") == 1
    assert after["mailed"] == []

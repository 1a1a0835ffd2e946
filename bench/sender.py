"""The sender alone, measured: N confirmations owed in a fresh SQLite database, sent by the
notifications sender to an SMTP server in another process that discards them; the CPU the
sender's process spent per email (its threads included: aiosqlite's), and emails per second.

    .venv/bin/python -m bench.sender                  # 1000 emails, SMTP_CONNECTIONS=4
    .venv/bin/python -m bench.sender --emails 2000 --connections 1

The CPU per email is the sender's whole share: claiming and loading, composing, SMTP, the
"sending" and "sent" marks. Composing is the composer's (formats/); the rest is the loop's.
"""

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.mail import welfare_snapshot
from devstack.ports import free_port
from devstack.waiting import wait_until
from services.notifications.domain.delivery_life import delivery_key, message_id
from services.notifications.settings import NotificationsSettings
from services.notifications.storage.tables import Delivery, KnownEvent
from services.notifications.workers.sender import Sender
from shared.db import SessionFactory, create_engine, session_factory
from shared.migrations import upgrade

MIGRATIONS = Path(__file__).parents[1] / "services" / "notifications" / "storage" / "migrations"


async def owe(sessions: SessionFactory, count: int, domain: str) -> None:
    event = welfare_snapshot()
    async with sessions() as session:
        session.add(KnownEvent(event_id=event.id, revision=1, snapshot=event.model_dump_json()))
        for n in range(count):
            registration = str(uuid.uuid4())
            key = delivery_key(registration, "confirmed")
            session.add(
                Delivery(
                    key=key,
                    kind="confirmed",
                    registration_id=registration,
                    event_id=event.id,
                    recipient_email=f"persona{n}@comune-test.it",
                    recipient_name=f"Persona {n}",
                    message_id=message_id(key, domain),
                    payload=json.dumps({"mode": "in_person", "manage_url": None}),
                )
            )
        await session.commit()


async def send_all(url: str, settings: NotificationsSettings, count: int) -> tuple[float, float]:
    """Seconds of CPU and of wall clock the sender took for `count` owed emails."""
    engine = create_engine(url)
    sessions = session_factory(engine)
    await owe(sessions, count, settings.calendar_domain)
    sender = Sender(sessions, settings)
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        while await sender.send_due():
            pass
    finally:
        await sender.close()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    await engine.dispose()
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink"]
    sink = subprocess.Popen([*command, "-l", f"127.0.0.1:{port}"])
    try:
        wait_until(lambda: _listening(port), timeout=30, what="the SMTP sink")
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{tmp}/notifications.db"
            upgrade(url, MIGRATIONS)
            settings = NotificationsSettings(
                smtp_host="127.0.0.1", smtp_port=port, smtp_connections=args.connections
            )
            cpu, wall = asyncio.run(send_all(url, settings, args.emails))
    finally:
        sink.terminate()
        sink.wait()
    print(f"sender: {args.emails} emails over {args.connections} connection(s)")
    print(f"    CPU per email:   {cpu / args.emails * 1000:.1f} ms")
    print(f"    emails/s:        {args.emails / wall:.0f}")


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


if __name__ == "__main__":
    main()

"""The notifications service's own costs, in this process, without the rest of the system:
(a) CPU per email composed as SMTP carries it (confirmations of one conference, with the
invite); (b) CPU, wall time and SQL statements per registration fact heard by the
registrations consumer, one transaction per fact and one per fetched batch, on SQLite.

    .venv/bin/python -m bench.notifications                   # --emails 1000 --facts 500
    .venv/bin/python -m bench.notifications --profile         # (a) under cProfile
"""

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import event as sa_event

from bench.mail import confirmed_delivery, welfare_snapshot
from services.notifications.formats.email import compose_bytes
from services.notifications.settings import NotificationsSettings
from services.notifications.storage.tables import KnownEvent
from services.notifications.usecases.deliveries import letter_of
from services.notifications.workers import consumers
from shared.bus.consumer import Batched, Heard
from shared.contracts import Envelope, PersonV1, RegistrationConfirmedV1
from shared.db import create_engine, session_factory
from shared.migrations import upgrade
from tests.support.people import people

MIGRATIONS = Path(__file__).parents[1] / "services" / "notifications" / "storage" / "migrations"


def composing(count: int, profile: bool) -> float:
    """CPU ms per email, composing `count` confirmations of one event (after one warm-up)."""
    settings = NotificationsSettings()
    event = welfare_snapshot()
    domain = settings.calendar_domain
    letters = [letter_of(confirmed_delivery(event, p, domain)) for p in people(count)]

    def run() -> None:
        for letter in letters:
            compose_bytes(
                letter,
                event,
                mail_from=settings.mail_from,
                organizer_email=settings.organizer_email,
                domain=domain,
                now=datetime.now(UTC),
            )

    run()
    started = time.process_time()
    run()
    spent = time.process_time() - started
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(run)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return spent * 1000 / count


def facts(event_id: str, count: int) -> list[Envelope]:
    """Confirmations of `count` new registrations, as the registrations service sends them."""
    envelopes = []
    for n in range(count):
        fact = RegistrationConfirmedV1(
            registration_id=str(uuid.uuid4()),
            event_id=event_id,
            event_revision=1,
            person=PersonV1(first_name="Maria", last_name="Rossi", email=f"p{n}@comune-test.it"),
            manage_url=f"https://iscrizioni.example.it/r/{uuid.uuid4().hex}",
            ticket_code="K7Q2XD",
            at=datetime.now(UTC),
        )
        envelopes.append(Envelope.wrap(fact, source="/bench"))
    return envelopes


async def hearing(url: str, count: int, batch: int) -> tuple[float, float, float]:
    """CPU ms, wall ms and statements per fact, in batches of `batch` (0: each alone)."""
    engine = create_engine(url)
    statements = 0

    def counted(*_: object) -> None:
        nonlocal statements
        statements += 1

    sa_event.listen(engine.sync_engine, "before_cursor_execute", counted)
    sessions = session_factory(engine)
    event = welfare_snapshot()
    async with sessions() as session:
        session.add(KnownEvent(event_id=event.id, revision=1, snapshot=event.model_dump_json()))
        await session.commit()
    ctx = SimpleNamespace(
        settings=NotificationsSettings(),
        sessions=sessions,
        sender_wake=asyncio.Event(),
        scheduler_wake=asyncio.Event(),
    )
    [handler] = [
        h for spec, h in consumers.consumers(ctx)  # type: ignore[arg-type]
        if spec.durable == consumers.REGISTRATIONS_CONSUMER
    ]  # fmt: skip
    assert isinstance(handler, Batched)
    envelopes = facts(event.id, count)
    statements = 0
    cpu, wall = time.process_time(), time.perf_counter()
    if batch:
        for start in range(0, count, batch):
            chunk = envelopes[start : start + batch]
            await handler.batch(
                [Heard(e, "registrations.registration.confirmed", "") for e in chunk]
            )
    else:
        for envelope in envelopes:
            await handler(envelope)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    await engine.dispose()
    return cpu * 1000 / count, wall * 1000 / count, statements / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=1000, help="(a): emails composed")
    parser.add_argument("--facts", type=int, default=500, help="(b): facts heard")
    parser.add_argument("--batch", type=int, default=50, help="(b): facts per batch")
    parser.add_argument("--profile", action="store_true", help="(a) under cProfile")
    args = parser.parse_args()

    per_email = composing(args.emails, args.profile)
    print(f"(a) composed as SMTP carries it: {per_email:.2f} ms CPU per email")
    for batch in (0, args.batch):
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{tmp}/notifications.db"
            upgrade(url, MIGRATIONS)
            cpu, wall, statements = asyncio.run(hearing(url, args.facts, batch))
        how = f"in batches of {batch}" if batch else "one transaction each"
        print(
            f"(b) {args.facts} facts heard, {how}: {cpu:.2f} ms CPU, {wall:.2f} ms wall, "
            f"{statements:.1f} SQL statements per fact"
        )


if __name__ == "__main__":
    main()

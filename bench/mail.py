"""Email, measured: (a) confirmation emails with invites composed and sent over one SMTP
connection; (b) in a rush, the time from a confirmed registration to its email accepted.

Both send to an SMTP server (aiosmtpd) inside this process that counts what it accepts and
notes when each recipient's email arrived; nothing is written to disk. (b) starts the real
system (nats-server and the three services as processes) in a temp folder:

    .venv/bin/python -m bench.mail
    .venv/bin/python -m bench.mail --emails 2000 --registrations 500 --in-flight 50
"""

import argparse
import asyncio
import json
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from aiosmtpd.controller import Controller

from devstack.demo import demo_events
from devstack.ports import free_port
from devstack.waiting import wait_until
from services.notifications.domain.delivery_life import delivery_key, message_id
from services.notifications.domain.mails import owed_mail
from services.notifications.formats.email import compose
from services.notifications.settings import NotificationsSettings
from services.notifications.storage.tables import Delivery
from services.notifications.usecases.deliveries import letter_of
from services.notifications.workers.smtp import Mailer
from shared.contracts import EventSnapshotV1, PersonV1, RegistrationConfirmedV1
from tests.support.people import Person, people
from tests.support.system import conference, publish, running_stack, wait_until_registrable

WELFARE = "welfare-area-omogenea-cremasca"


class Sink:
    """The SMTP server's handler: counts connections and messages, notes arrival times."""

    def __init__(self) -> None:
        self.connections = 0
        self.messages = 0
        self.size = 0
        self.arrived: dict[str, float] = {}

    async def handle_EHLO(self, server, session, envelope, hostname, responses) -> list[str]:
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope) -> str:
        now = time.perf_counter()
        for recipient in envelope.rcpt_tos:
            self.arrived.setdefault(recipient, now)
        self.messages += 1
        self.size += len(envelope.content)
        return "250 OK"


def _aware(value: Any, zone: ZoneInfo) -> Any:
    """The demo payload's local '..._at' times as aware datetimes, the rest copied."""
    if isinstance(value, list):
        return [_aware(item, zone) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        key: datetime.fromisoformat(item).replace(tzinfo=zone)
        if key.endswith("_at") and isinstance(item, str)
        else _aware(item, zone)
        for key, item in value.items()
    }


def welfare_snapshot() -> EventSnapshotV1:
    """The welfare convegno as the EVENTS stream carries it, at its next occurrence."""
    payload = next(e for e in demo_events(date.today()) if e["slug"] == WELFARE)
    return EventSnapshotV1.model_validate(
        {
            **_aware(payload, ZoneInfo(payload["timezone"])),
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, WELFARE)),
            "revision": 1,
            "calendar_sequence": 0,
            "status": "published",
            "organizer": payload["organization"],
            "page_url": f"https://convegni.example.it/events/{WELFARE}",
        }
    )


def confirmed_delivery(event: EventSnapshotV1, person: Person, domain: str) -> Delivery:
    """The delivery the consumer queues for a confirmation, built from the real fact."""
    fact = RegistrationConfirmedV1(
        registration_id=str(uuid.uuid4()),
        event_id=event.id,
        event_revision=event.revision,
        person=PersonV1(
            first_name=person.first_name, last_name=person.last_name, email=person.email
        ),
        manage_url=f"https://iscrizioni.example.it/r/{uuid.uuid4().hex}",
        at=datetime.now(UTC),
    )
    owed = owed_mail(fact)
    assert owed is not None
    key = delivery_key(fact.registration_id, owed.kind)
    return Delivery(
        key=key,
        kind=owed.kind,
        registration_id=fact.registration_id,
        event_id=event.id,
        recipient_email=owed.recipient_email,
        recipient_name=owed.recipient_name,
        language=owed.language,
        message_id=message_id(key, domain),
        payload=json.dumps(owed.payload),
    )


async def compose_and_send(count: int, port: int) -> tuple[float, float]:
    """Seconds to compose `count` confirmations, then to compose and send them again."""
    settings = NotificationsSettings(smtp_host="127.0.0.1", smtp_port=port)
    event = welfare_snapshot()
    everyone = [confirmed_delivery(event, p, settings.calendar_domain) for p in people(count)]

    def composed(delivery: Delivery) -> EmailMessage:
        return compose(
            letter_of(delivery),
            event,
            mail_from=settings.mail_from,
            organizer_email=settings.organizer_email,
            domain=settings.calendar_domain,
            now=datetime.now(UTC),
        )

    started = time.perf_counter()
    for delivery in everyone:
        composed(delivery)
    composing = time.perf_counter() - started
    mailer = Mailer(settings)
    started = time.perf_counter()
    for delivery in everyone:
        await mailer.send(composed(delivery))
    sending = time.perf_counter() - started
    await mailer.close()
    return composing, sending


async def register_all(url: str, everyone: list[Person], in_flight: int) -> dict[str, float]:
    """Each person's email -> when their 201 came back, `in_flight` requests at a time."""
    gate = asyncio.Semaphore(in_flight)
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    confirmed_at: dict[str, float] = {}
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(person: Person) -> None:
            async with gate:
                answer = await client.post(url, json=person.json())
            if answer.status_code == 201 and answer.json()["status"] == "confirmed":
                confirmed_at[person.email] = time.perf_counter()

        await asyncio.gather(*(one(person) for person in everyone))
    return confirmed_at


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted `values`."""
    return values[max(round(len(values) * share) - 1, 0)]


def rush(sink: Sink, port: int, count: int, in_flight: int) -> None:
    """(b): register `count` people for one conference; time each email's arrival."""
    sink.arrived.clear()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"RATE_LIMIT_PER_MINUTE": "0", "SMTP_PORT": str(port)}
        with running_stack(Path(tmp), env=env) as stack:
            event = publish(stack, conference(capacity=count))
            wait_until_registrable(stack, event["slug"])
            url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"
            everyone = people(count, tag="rush")
            started = time.perf_counter()
            confirmed_at = asyncio.run(register_all(url, everyone, in_flight))
            registered = time.perf_counter() - started
            wait_until(
                lambda: all(person.email in sink.arrived for person in everyone),
                timeout=900,
                interval=0.2,
                what=f"{count} emails at the SMTP server",
            )
    latencies = sorted(sink.arrived[email] - at for email, at in confirmed_at.items())
    last = max(sink.arrived[person.email] for person in everyone)
    print(f"(b) rush: {count} registrations, {in_flight} in flight, one conference")
    print(f"    confirmed:                {len(confirmed_at)} in {registered:.1f} s")
    print(
        f"    201 -> email accepted:    p50 {percentile(latencies, 0.5):.2f} s, "
        f"p99 {percentile(latencies, 0.99):.2f} s, max {latencies[-1]:.2f} s"
    )
    print(f"    emails/s end to end:      {count / (last - started):.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=2000, help="(a): emails to send")
    parser.add_argument("--registrations", type=int, default=500, help="(b): people")
    parser.add_argument("--in-flight", type=int, default=50, help="(b): concurrent requests")
    args = parser.parse_args()

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        composing, sending = asyncio.run(compose_and_send(args.emails, controller.port))
        print(f"(a) {args.emails} confirmations of the welfare convegno, with invite")
        print(f"    composed per second:      {args.emails / composing:,.0f}")
        print(f"    composed + sent per s:    {args.emails / sending:,.0f}")
        print(f"    accepted / connections:   {sink.messages} / {sink.connections}")
        print(f"    average size:             {sink.size / max(sink.messages, 1) / 1024:.1f} KB")
        if args.registrations:
            rush(sink, controller.port, args.registrations, args.in_flight)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()

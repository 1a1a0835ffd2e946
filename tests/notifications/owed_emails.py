"""Deliveries owed straight in a migrated notifications database, and an SMTP sink that keeps
every raw message it accepted with its arrival time: what the sender tests send and count."""

import asyncio
import email
import email.policy
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from services.notifications.storage.tables import Delivery, KnownEvent
from shared.contracts import EventSnapshotV1, VenueV1
from shared.contracts.events import OrganizationV1
from shared.db import SessionFactory

MIGRATIONS = Path(__file__).parents[2] / "services" / "notifications" / "storage" / "migrations"
EVENT_ID = "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f"


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


def address(n: int) -> str:
    return f"persona{n}@comune-test.it"


async def owe_confirmations(sessions: SessionFactory, count: int) -> None:
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
                    recipient_email=address(n),
                    recipient_name=f"Persona {n}",
                    message_id=f"<{n}@convegni.localhost>",
                    payload=json.dumps({"mode": "in_person", "manage_url": None}),
                )
            )
        await session.commit()


async def all_deliveries(sessions: SessionFactory) -> list[Delivery]:
    async with sessions() as session:
        return list((await session.exec(select(Delivery).order_by(Delivery.id))).all())


@dataclass
class Received:
    recipient: str
    message_id: str
    at: float


@dataclass
class Sink:
    """aiosmtpd's handler: keeps each accepted message (recipient, Message-ID read from the
    raw bytes, arrival time), counts connections and the DATA exchanges under way at once.
    `delay` slows each DATA down; `on_accept` runs after a message is kept, before the 250."""

    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    in_flight: int = 0
    most_in_flight: int = 0
    on_accept: object = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses) -> list[str]:
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope) -> str:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
            for recipient in envelope.rcpt_tos:
                message_id = str(parsed["Message-ID"])
                self.received.append(Received(recipient, message_id, time.monotonic()))
        finally:  # once kept: a test reading `received` after in_flight is 0 sees it
            self.in_flight -= 1
        if callable(self.on_accept):
            self.on_accept()
        return "250 OK"

    def copies(self) -> Counter[str]:
        """Raw messages per recipient (not distinct Message-IDs)."""
        return Counter(r.recipient for r in self.received)

    def message_ids(self, recipient: str) -> list[str]:
        return [r.message_id for r in self.received if r.recipient == recipient]

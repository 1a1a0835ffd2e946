"""Rows as the previous release wrote them, in plain SQL against that release's tables (one
module per service): the welfare convegno of the Area Omogenea Cremasca (Crema, 30 November
2024), its programme, two registrations and a cancelled one, their emails. Nothing here
imports today's models."""

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.db import UTCDateTime

EVENT_ID = "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f"
SLUG = "welfare-area-omogenea-cremasca"
TITLE = (
    "Coordinare le politiche sociali e socio-sanitarie all'interno dell'Area Omogenea - "
    "Valorizzare il modello dei Sub Ambiti per un nuovo protagonismo dei Sindaci"
)
DOORS = datetime(2024, 11, 30, 7, 30, tzinfo=UTC)  # 08:30 in Crema
STARTS = datetime(2024, 11, 30, 8, 0, tzinfo=UTC)  # 09:00 in Crema
ENDS = datetime(2024, 11, 30, 12, 0, tzinfo=UTC)
PUBLISHED = datetime(2024, 11, 4, 10, 15, tzinfo=UTC)
CHIARA = "3b0c1f7e-5d7a-4c41-9d53-6c1f0f8e2a11"  # confirmed, checked in
DAVIDE = "9a4e2d60-1b3c-4f5e-8a7d-2c6b5e4f3a22"  # confirmed
ELENA = "c2d8e4f6-7a9b-4c1d-8e2f-3a4b5c6d7e33"  # cancelled
AUDIENCE = ["Sindaci", "amministratori", "operatori del Terzo Settore"]
SNAPSHOT = json.dumps(
    {
        "id": EVENT_ID,
        "slug": SLUG,
        "revision": 1,
        "calendar_sequence": 0,
        "status": "published",
        "title": TITLE,
        "organizer": {"slug": "area-omogenea-cremasca", "name": "Area Omogenea Cremasca"},
        "supporters": ["Consorzio.it"],
        "timezone": "Europe/Rome",
        "doors_open_at": DOORS.isoformat(),
        "doors_note": "registrazione partecipanti e welcome coffee",
        "starts_at": STARTS.isoformat(),
        "ends_at": ENDS.isoformat(),
        "venue": {
            "name": "Sala Pietro da Cemmo",
            "building": "Centro Culturale Sant'Agostino",
            "city": "Crema",
        },
        "capacity": 150,
        "audience": AUDIENCE,
        "programme": [
            {"kind": "registration", "title": "Registrazione partecipanti e welcome coffee"},
            {
                "kind": "opening",
                "title": "Introduzione: il ruolo politico e di coordinamento dei Sindaci",
                "speakers": [
                    {
                        "name": "Giovanni (Gianni) Rossoni",
                        "position": "Presidente dell'Area Omogenea Cremasca",
                    }
                ],
            },
        ],
        "page_url": f"http://localhost:8001/events/{SLUG}",
    }
)


async def insert(
    connection: AsyncConnection, table: str, returning: str | None = None, **values: Any
) -> Any:
    """INSERT one row; datetimes are bound as the UTC columns store them on each database."""
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join(f":{name}" for name in values)
    typed = [
        bindparam(k, type_=UTCDateTime()) for k, v in values.items() if isinstance(v, datetime)
    ]
    statement = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    if returning:
        statement += f" RETURNING {returning}"
    result = await connection.execute(text(statement).bindparams(*typed), values)
    return result.scalar_one() if returning else None


async def published_fact(
    connection: AsyncConnection, subject: str, message_id: str, data: dict[str, Any]
) -> None:
    """An outbox row the relay had published: the envelope as it went out."""
    envelope = {
        "specversion": "1.0",
        "id": message_id,
        "source": "/convegni",
        "type": f"it.convegni.{subject}.v1",
        "time": PUBLISHED.isoformat(),
        "datacontenttype": "application/json",
        "data": data,
    }
    await insert(
        connection,
        "outbox",
        message_id=message_id,
        subject=subject,
        envelope=json.dumps(envelope),
        created_at=PUBLISHED,
        published_at=PUBLISHED,
    )


PROGRAMME = [
    ("registration", "Registrazione partecipanti e welcome coffee", DOORS),
    ("opening", "Introduzione: il ruolo politico e di coordinamento dei Sindaci", STARTS),
]
MESSAGE_IDS = {
    "published": "1d6f0a3c-2b7e-5d41-9c8a-7e6f5d4c3b21",
    CHIARA: "8e2a1c4b-6d3f-5a7e-9b1c-2d3e4f5a6b71",
    DAVIDE: "4b7c9d1e-3f5a-5b2c-8d4e-6f7a8b9c0d72",
}
PEOPLE = {
    CHIARA: ("Chiara", "Greco", "chiara.greco@comune-test.it", "Comune di Crema", "confirmed"),
    DAVIDE: ("Davide", "Bruno", "davide.bruno@comune-test.it", "ASST Crema", "confirmed"),
    ELENA: (
        "Elena",
        "Gallo",
        "elena.gallo@comune-test.it",
        "Comunità Sociale Cremasca",
        "cancelled",
    ),
}
CHECKED_IN = datetime(2024, 11, 30, 7, 41, tzinfo=UTC)
MANAGE_URL = "http://localhost:8002/r/"

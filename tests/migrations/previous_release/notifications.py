"""The notifications database at the previous release."""

import json
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from tests.migrations.previous_release import (
    CHIARA,
    DAVIDE,
    EVENT_ID,
    MANAGE_URL,
    MESSAGE_IDS,
    PEOPLE,
    PUBLISHED,
    SNAPSHOT,
    insert,
)


async def rows(connection: AsyncConnection) -> None:
    """Its copy of the event, the two participants, Chiara's confirmation sent and her
    reminder owed, Davide's confirmation waiting for a retry after a greylisting."""
    await insert(connection, "known_event", event_id=EVENT_ID, revision=1, snapshot=SNAPSHOT)
    for registration_id in (CHIARA, DAVIDE):
        first_name, last_name, email, _, _ = PEOPLE[registration_id]
        await insert(
            connection,
            "participant",
            registration_id=registration_id,
            event_id=EVENT_ID,
            email=email,
            name=f"{first_name} {last_name}",
            language="it",
            mode="in_person",
            status="confirmed",
            manage_url=MANAGE_URL + registration_id,
            renewal=0,
            fact_at=PUBLISHED,
            confirmed_at=PUBLISHED,
            confirmed_revision=1,
        )
        sent = registration_id == CHIARA
        key = f"{registration_id}/confirmed/1"
        await insert(
            connection,
            "delivery",
            key=key,
            kind="confirmed",
            registration_id=registration_id,
            event_id=EVENT_ID,
            recipient_email=email,
            recipient_name=f"{first_name} {last_name}",
            language="it",
            status="sent" if sent else "retrying",
            attempts=1 if sent else 2,
            next_attempt_at=PUBLISHED,
            last_error=None if sent else "451 4.7.1 Greylisted, please try again later",
            message_id=f"<{key.replace('/', '.')}@convegni.localhost>",
            payload=json.dumps({"mode": "in_person", "manage_url": MANAGE_URL + registration_id}),
            created_at=PUBLISHED,
            sent_at=PUBLISHED if sent else None,
        )
        await insert(
            connection,
            "inbox",
            consumer="notifications-registrations",
            message_id=MESSAGE_IDS[registration_id],
            received_at=PUBLISHED,
        )
    await insert(
        connection,
        "scheduled_mail",
        registration_id=CHIARA,
        event_id=EVENT_ID,
        kind="reminder",
        key=f"{CHIARA}/reminder",
        due_at=datetime(2024, 11, 29, 8, 0, tzinfo=UTC),
        status="pending",
    )

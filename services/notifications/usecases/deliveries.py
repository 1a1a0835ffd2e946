"""Use cases of the notifications service around deliveries: the emails owed now, claimed,
sent or failed. Staging helpers add to the caller's transaction; only use cases commit."""

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.deliveries import (
    delivery_key,
    message_id,
    next_attempt,
    round_id,
)
from services.notifications.domain.mails import OwedMail, with_history
from services.notifications.storage.tables import Delivery, KnownEvent, Participant
from shared.contracts import EventSnapshotV1
from shared.contracts.registrations import RegistrationFact

RETRYABLE = ("queued", "retrying")


async def remember_event(session: AsyncSession, snapshot: EventSnapshotV1) -> EventSnapshotV1:
    """Keep the newest snapshot of an event and return it; an older revision changes nothing."""
    known = await session.get(KnownEvent, snapshot.id)
    if known is not None and known.revision >= snapshot.revision:
        return EventSnapshotV1.model_validate_json(known.snapshot)
    known = known or KnownEvent(event_id=snapshot.id, revision=0, snapshot="")
    known.revision, known.snapshot = snapshot.revision, snapshot.model_dump_json()
    session.add(known)
    return snapshot


async def known_event(session: AsyncSession, event_id: str) -> EventSnapshotV1 | None:
    """The newest snapshot heard of an event, None before the first."""
    known = await session.get(KnownEvent, event_id)
    return EventSnapshotV1.model_validate_json(known.snapshot) if known else None


async def queue_email(
    session: AsyncSession, *, fact: RegistrationFact, owed: OwedMail, domain: str
) -> None:
    """Owe this person one email for this fact (staged in the caller's transaction), told by
    the emails owed before; an email already owed under the same key is not owed twice."""
    key = delivery_key(round_id(fact.registration_id, fact.renewal), owed.kind, owed.number)
    earlier = (
        await session.exec(
            select(Delivery.key, Delivery.kind, Delivery.payload)
            .where(Delivery.registration_id == fact.registration_id)
            .order_by(col(Delivery.id))
        )
    ).all()
    if any(owed_key == key for owed_key, _, _ in earlier):
        return
    owed = with_history(owed, [(kind, json.loads(payload)) for _, kind, payload in earlier])
    session.add(
        Delivery(
            key=key,
            kind=owed.kind,
            registration_id=fact.registration_id,
            event_id=fact.event_id,
            recipient_email=owed.recipient_email,
            recipient_name=owed.recipient_name,
            language=owed.language,
            message_id=message_id(key, domain),
            next_attempt_at=fact.at,
            payload=json.dumps(owed.payload),
        )
    )


async def owe_participant(
    session: AsyncSession,
    *,
    participant: Participant,
    kind: str,
    key: str,
    extra: dict[str, Any],
    domain: str,
    now: datetime,
) -> bool:
    """Stage one email to a participant under `key`, unless it is owed already; the payload
    is how they attend and their manage link, plus `extra`. Returns whether it was staged."""
    if await _owed(session, key):
        return False
    payload = {"mode": participant.mode, "manage_url": participant.manage_url, **extra}
    session.add(
        Delivery(
            key=key,
            kind=kind,
            registration_id=participant.registration_id,
            event_id=participant.event_id,
            recipient_email=participant.email,
            recipient_name=participant.name,
            language=participant.language,
            message_id=message_id(key, domain),
            next_attempt_at=now,
            payload=json.dumps(payload),
        )
    )
    return True


async def _owed(session: AsyncSession, key: str) -> bool:
    found = await session.exec(select(Delivery.id).where(Delivery.key == key))
    return found.first() is not None


async def drop_unsent(
    session: AsyncSession,
    *,
    kinds: tuple[str, ...],
    registration_id: str | None = None,
    event_id: str | None = None,
) -> None:
    """Deliveries of these kinds not sent yet will not be: their person cancelled, or their
    event did (staged; one in the middle of sending goes, it cannot be called back)."""
    scope = (
        col(Delivery.registration_id) == registration_id
        if registration_id is not None
        else col(Delivery.event_id) == event_id
    )
    await session.exec(
        update(Delivery)
        .where(scope, col(Delivery.kind).in_(kinds), col(Delivery.status).in_(RETRYABLE))
        .values(status="dropped", last_error="no longer owed")
    )


async def claim_due(
    *, session: AsyncSession, now: datetime, lease_seconds: float, limit: int = 50
) -> list[int]:
    """Take due deliveries whose event is known; a sending one whose lease ran out (its
    sender died) is due again. Each claim is a conditional UPDATE, safe across replicas."""
    claimable = or_(
        col(Delivery.status).in_(RETRYABLE) & (col(Delivery.next_attempt_at) <= now),
        (col(Delivery.status) == "sending") & (col(Delivery.lease_until) < now),
    )
    candidates = (
        await session.exec(
            select(Delivery.id)
            .join(KnownEvent, col(KnownEvent.event_id) == col(Delivery.event_id))
            .where(claimable)
            .order_by(col(Delivery.id))
            .limit(limit)
        )
    ).all()
    claimed = []
    for delivery_id in candidates:
        result = await session.exec(
            update(Delivery)
            .where(col(Delivery.id) == delivery_id, claimable)
            .values(
                status="sending",
                attempts=Delivery.attempts + 1,
                lease_until=now + timedelta(seconds=lease_seconds),
            )
        )
        if result.rowcount == 1:
            claimed.append(delivery_id)
    await session.commit()
    return [delivery_id for delivery_id in claimed if delivery_id is not None]


async def release(*, session: AsyncSession, delivery_ids: list[int], now: datetime) -> None:
    """Give claimed deliveries back unsent: due again at once, their attempt not counted."""
    await session.exec(
        update(Delivery)
        .where(col(Delivery.id).in_(delivery_ids), col(Delivery.status) == "sending")
        .values(lease_until=now, attempts=Delivery.attempts - 1)
    )
    await session.commit()


async def load_for_sending(
    *, session: AsyncSession, delivery_id: int
) -> tuple[Delivery, EventSnapshotV1]:
    delivery = await session.get(Delivery, delivery_id)
    assert delivery is not None
    known = await session.get(KnownEvent, delivery.event_id)
    assert known is not None
    return delivery, EventSnapshotV1.model_validate_json(known.snapshot)


async def mark_sent(*, session: AsyncSession, delivery_id: int, now: datetime) -> None:
    await session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id)
        .values(status="sent", sent_at=now, lease_until=None, last_error=None)
    )
    await session.commit()


async def mark_failed_attempt(
    *,
    session: AsyncSession,
    delivery_id: int,
    error: str,
    permanent: bool,
    now: datetime,
    schedule: tuple[float, ...],
) -> bool:
    """Retry later for a temporary failure, or fail for good (5xx, or retries spent);
    returns whether it will be tried again."""
    delivery = await session.get(Delivery, delivery_id)
    assert delivery is not None
    retry_at = None if permanent else next_attempt(delivery.attempts, now, schedule)
    delivery.status = "retrying" if retry_at else "failed"
    delivery.next_attempt_at = retry_at or now
    delivery.lease_until = None
    delivery.last_error = error[:1000]
    session.add(delivery)
    await session.commit()
    return retry_at is not None

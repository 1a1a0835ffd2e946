"""Use cases of the notifications service: one function, one transaction, explicit session."""

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.deliveries import delivery_key, message_id, next_attempt
from services.notifications.models import Delivery, KnownEvent
from shared.contracts import EventSnapshotV1, RegistrationConfirmedV1

RETRYABLE = ("queued", "retrying")


async def remember_event(session: AsyncSession, snapshot: EventSnapshotV1) -> None:
    """Keep the newest snapshot of an event; an older revision changes nothing."""
    known = await session.get(KnownEvent, snapshot.id)
    if known is not None and known.revision >= snapshot.revision:
        return
    known = known or KnownEvent(event_id=snapshot.id, revision=0, snapshot="")
    known.revision, known.snapshot = snapshot.revision, snapshot.model_dump_json()
    session.add(known)


async def queue_confirmation(
    session: AsyncSession, fact: RegistrationConfirmedV1, *, domain: str
) -> None:
    """Owe this person one confirmation email (staged in the caller's transaction)."""
    if fact.person is None:  # erased before we heard of it: nobody to write to
        return
    key = delivery_key(fact.registration_id, "confirmed")
    session.add(
        Delivery(
            key=key,
            kind="confirmed",
            registration_id=fact.registration_id,
            event_id=fact.event_id,
            recipient_email=fact.person.email,
            recipient_name=f"{fact.person.first_name} {fact.person.last_name}",
            language=fact.language,
            message_id=message_id(key, domain),
            next_attempt_at=fact.at,
        )
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
) -> None:
    """Retry later for a temporary failure, or fail for good (5xx, or retries spent)."""
    delivery = await session.get(Delivery, delivery_id)
    assert delivery is not None
    retry_at = None if permanent else next_attempt(delivery.attempts, now, schedule)
    delivery.status = "retrying" if retry_at else "failed"
    delivery.next_attempt_at = retry_at or now
    delivery.lease_until = None
    delivery.last_error = error[:1000]
    session.add(delivery)
    await session.commit()

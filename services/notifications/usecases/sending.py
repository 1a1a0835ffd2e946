"""Use cases of the sender: claim and load a batch of due deliveries, record "sending" and
"sent" around the SMTP exchange, a failed attempt, or a batch handed back. Every write is a
conditional UPDATE whose WHERE holds the statuses the move starts from and, where a sender
acts on its own claim, the lease end it wrote (its token): safe across replicas."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain import delivery_life
from services.notifications.domain.delivery_life import DeliveryAction, DeliveryStatus, Occasion
from services.notifications.storage.tables import Delivery, KnownEvent
from services.notifications.usecases import moves
from services.notifications.usecases.deliveries import in_origins, written
from services.notifications.usecases.invitations import NO_EVENT
from shared.contracts import EventSnapshotV1

Held = datetime  # the lease end a sender wrote: its claim's (or its send's) token

# How a sender takes a row, by the status it finds: due, its claim ran out, its send did.
TAKING = {
    DeliveryStatus.QUEUED: DeliveryAction.CLAIM,
    DeliveryStatus.RETRYING: DeliveryAction.CLAIM,
    DeliveryStatus.CLAIMED: DeliveryAction.TAKE_OVER,
    DeliveryStatus.SENDING: DeliveryAction.RESEND,
}


@dataclass(frozen=True)
class Outgoing:
    """A claimed delivery and its event as now known (None for an email about no event)."""

    delivery: Delivery
    event: EventSnapshotV1 | None


@dataclass(frozen=True)
class Batch:
    """What one claim took: the deliveries, the lease end written on all of them, and those
    taken over from a send that may have reached its person (resent)."""

    outgoing: list[Outgoing]
    held: Held
    resent: frozenset[int]


def _claimable(now: datetime) -> ColumnElement[bool]:
    """The guards of a claim, a take-over and a resend, said in SQL."""
    expired = col(Delivery.lease_until) < now
    return or_(
        in_origins(DeliveryAction.CLAIM) & (col(Delivery.next_attempt_at) <= now),
        in_origins(DeliveryAction.TAKE_OVER) & expired,
        in_origins(DeliveryAction.RESEND) & expired,
    )


async def claim_batch(
    *,
    session: AsyncSession,
    now: datetime,
    lease_seconds: float,
    limit: int,
    sent: Sequence[int] = (),
) -> Batch:
    """Claim up to `limit` due deliveries whose event is known and load them with their
    events, in one transaction: each event's snapshot is read and parsed once. The `sent`
    ones (accepted by SMTP, not marked yet) are marked first, in the same transaction."""
    await _mark_accepted(session, sent, now)
    # An event's email waits for the event's copy; an email about no event does not.
    known = or_(col(KnownEvent.event_id).is_not(None), col(Delivery.event_id) == NO_EVENT)
    found = (
        await session.exec(
            select(Delivery.id, Delivery.status)
            .join(KnownEvent, col(KnownEvent.event_id) == col(Delivery.event_id), isouter=True)
            .where(_claimable(now), known)
            .order_by(col(Delivery.id))
            .limit(limit)
            .with_for_update(of=Delivery, skip_locked=True)  # PostgreSQL: replicas share out
        )
    ).all()
    by_action: dict[DeliveryAction, list[int]] = defaultdict(list)
    for delivery_id, status in found:
        if delivery_id is not None:
            by_action[TAKING[DeliveryStatus(status)]].append(delivery_id)
    held = now + timedelta(seconds=lease_seconds)
    occasion = Occasion(now=now, lease_until=held)
    taken: dict[DeliveryAction, list[int]] = {}
    for action, ids in by_action.items():
        result = await session.exec(
            update(Delivery)
            .where(col(Delivery.id).in_(ids), in_origins(action), _claimable(now))
            .values(written(delivery_life.change(action, occasion)))
            .returning(col(Delivery.id))
        )
        taken[action] = list(result.scalars())
    outgoing = await _load(session, sorted(i for ids in taken.values() for i in ids))
    await session.commit()
    return Batch(outgoing, held, frozenset(taken.get(DeliveryAction.RESEND, [])))


async def _load(session: AsyncSession, ids: list[int]) -> list[Outgoing]:
    if not ids:
        return []
    rows = (
        await session.exec(
            select(Delivery, KnownEvent.snapshot)
            .join(KnownEvent, col(KnownEvent.event_id) == col(Delivery.event_id), isouter=True)
            .where(col(Delivery.id).in_(ids))
            .order_by(col(Delivery.id))
            .execution_options(populate_existing=True)
        )
    ).all()
    events: dict[str, EventSnapshotV1] = {}
    outgoing = []
    for delivery, snapshot in rows:
        event = None
        if delivery.event_id != NO_EVENT and snapshot is not None:
            if delivery.event_id not in events:
                events[delivery.event_id] = EventSnapshotV1.model_validate_json(snapshot)
            event = events[delivery.event_id]
        outgoing.append(Outgoing(delivery, event))
    return outgoing


async def record_marks(
    *,
    session: AsyncSession,
    begin: list[tuple[int, Held]],
    sent: list[int],
    now: datetime,
    send_lease_seconds: float,
) -> dict[int, Held]:
    """In one transaction: the deliveries accepted by SMTP marked sent, and those about to
    be handed to DATA marked sending (each only while its sender's claim holds). Returns
    the ones begun, with the send's lease end, their new token."""
    await _mark_accepted(session, sent, now)
    send_lease = now + timedelta(seconds=send_lease_seconds)
    begun: dict[int, Held] = {}
    claims: dict[Held, list[int]] = defaultdict(list)
    for delivery_id, held in begin:
        claims[held].append(delivery_id)
    starting = delivery_life.change(DeliveryAction.BEGIN, Occasion(now=now, lease_until=send_lease))
    for held, ids in claims.items():
        moved = await moves.move(session, DeliveryAction.BEGIN, starting, ids, held=held)
        begun.update(dict.fromkeys(moved, send_lease))
    await session.commit()
    return begun


async def _mark_accepted(session: AsyncSession, sent: Sequence[int], now: datetime) -> None:
    accepted = DeliveryAction.ACCEPTED
    change = delivery_life.change(accepted, Occasion(now=now))
    await moves.move(session, accepted, change, list(sent))


async def release(
    *, session: AsyncSession, delivery_ids: list[int], held: Held, now: datetime
) -> None:
    """Give claimed deliveries back unsent: due again at once, their attempt not counted."""
    hand_back = DeliveryAction.HAND_BACK
    await session.exec(
        update(Delivery)
        .where(
            col(Delivery.id).in_(delivery_ids),
            in_origins(hand_back),
            col(Delivery.lease_until) == held,
        )
        .values(written(delivery_life.change(hand_back, Occasion(now=now))))
    )
    await session.commit()


async def mark_failed_attempt(
    *,
    session: AsyncSession,
    delivery_id: int,
    attempts: int,
    held: Held,
    error: str,
    permanent: bool,
    now: datetime,
    schedule: tuple[float, ...],
) -> bool:
    """Retry later for a temporary failure, or fail for good (5xx, or retries spent), while
    the sender still holds it; returns whether it will be tried again."""
    action, occasion = delivery_life.after_failure(
        attempts, permanent=permanent, error=error, now=now, schedule=schedule
    )
    await session.exec(
        update(Delivery)
        .where(
            col(Delivery.id) == delivery_id,
            in_origins(action),
            col(Delivery.lease_until) == held,
        )
        .values(written(delivery_life.change(action, occasion)))
    )
    await session.commit()
    return action == DeliveryAction.FAIL_FOR_NOW

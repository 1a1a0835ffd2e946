"""Use cases of the notifications service around deliveries: the emails owed now, claimed,
sent or failed. Staging helpers add to the caller's transaction; only use cases commit."""

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain import delivery_life
from services.notifications.domain.delivery_life import (
    Change,
    DeliveryAction,
    DeliveryState,
    Occasion,
    delivery_key,
    message_id,
    renewal_of,
    round_id,
)
from services.notifications.domain.mails import TOLD_BY_HISTORY, OwedMail, with_history
from services.notifications.domain.participants import Registrant, mail_to
from services.notifications.formats.email import Letter
from services.notifications.storage.plain import plain
from services.notifications.storage.tables import Delivery, KnownEvent
from services.notifications.usecases.invitations import NO_EVENT
from shared.contracts import EventSnapshotV1
from shared.contracts.registrations import RegistrationFact


async def queue_email(
    session: AsyncSession,
    *,
    fact: RegistrationFact,
    owed: OwedMail,
    domain: str,
    first: bool = False,
) -> None:
    """Owe this person one email for this fact (staged in the caller's transaction), told by
    the emails owed before; an email already owed under the same key is not owed twice.
    `first`: the registration's first fact heard, so no email was owed before."""
    key = delivery_key(round_id(fact.registration_id, fact.renewal), owed.kind, owed.number)
    if first:
        _stage(session, with_history(owed, []), key=key, of=fact, due_at=fact.at, domain=domain)
        return
    if owed.kind not in TOLD_BY_HISTORY:
        if await _owed_already(session, key):
            return
        _stage(session, owed, key=key, of=fact, due_at=fact.at, domain=domain)
        return
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
    _stage(session, owed, key=key, of=fact, due_at=fact.at, domain=domain)


async def _owed_already(session: AsyncSession, key: str) -> bool:
    """Whether an email is owed under `key` (by its unique index: one row at most)."""
    found = await session.exec(select(Delivery.id).where(Delivery.key == key))
    return found.first() is not None


async def owe_participant(
    session: AsyncSession,
    *,
    participant: Registrant,
    kind: str,
    key: str,
    extra: dict[str, Any],
    domain: str,
    now: datetime,
) -> bool:
    """Stage one email to a participant under `key`, unless it is owed already; the payload
    is how they attend and their manage link, plus `extra`. Returns whether it was staged."""
    if await _owed_already(session, key):
        return False
    owed = mail_to(participant, kind, extra)
    _stage(session, owed, key=key, of=participant, due_at=now, domain=domain)
    return True


def _stage(
    session: AsyncSession,
    owed: OwedMail,
    *,
    key: str,
    of: RegistrationFact | Registrant,
    due_at: datetime,
    domain: str,
) -> None:
    """The one place a Delivery is made: owed under `key` to the registration `of` names."""
    session.add(
        Delivery(
            key=key,
            kind=owed.kind,
            registration_id=of.registration_id,
            event_id=of.event_id,
            recipient_email=owed.recipient_email,
            recipient_name=owed.recipient_name,
            language=owed.language,
            message_id=message_id(key, domain),
            next_attempt_at=due_at,
            payload=json.dumps(owed.payload),
        )
    )


async def drop_unsent(
    session: AsyncSession,
    *,
    kinds: tuple[str, ...],
    now: datetime,
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
    drop = DeliveryAction.DROP
    await session.exec(
        update(Delivery)
        .where(scope, col(Delivery.kind).in_(kinds), _from(drop))
        .values(_written(delivery_life.change(drop, Occasion(now=now))))
    )


async def claim_due(
    *, session: AsyncSession, now: datetime, lease_seconds: float, limit: int = 50
) -> list[int]:
    """Take due deliveries whose event is known; a sending one whose lease ran out (its
    sender died) is due again. Each claim is a conditional UPDATE, safe across replicas."""
    # The guards of a claim and a take-over, said in SQL: the rows worth reading.
    claimable = or_(
        _from(DeliveryAction.CLAIM) & (col(Delivery.next_attempt_at) <= now),
        _from(DeliveryAction.TAKE_OVER) & (col(Delivery.lease_until) < now),
    )
    # An event's email waits for the event's copy; an email about no event (an invitation)
    # does not.
    known = or_(col(KnownEvent.event_id).is_not(None), col(Delivery.event_id) == NO_EVENT)
    candidates = (
        await session.exec(
            select(Delivery)
            .join(KnownEvent, col(KnownEvent.event_id) == col(Delivery.event_id), isouter=True)
            .where(claimable, known)
            .order_by(col(Delivery.id))
            .limit(limit)
        )
    ).all()
    occasion = Occasion(now=now, lease_until=now + timedelta(seconds=lease_seconds))
    claimed = []
    for delivery in candidates:
        state = plain(DeliveryState, delivery)
        taking_over = state.status in delivery_life.TABLE.origins(DeliveryAction.TAKE_OVER)
        action = DeliveryAction.TAKE_OVER if taking_over else DeliveryAction.CLAIM
        claim = delivery_life.fire(state, action, occasion)
        result = await session.exec(
            update(Delivery)
            .where(col(Delivery.id) == delivery.id, col(Delivery.status) == state.status, claimable)
            .values(_written(claim))
        )
        if result.rowcount == 1 and delivery.id is not None:
            claimed.append(delivery.id)
    await session.commit()
    return claimed


async def release(*, session: AsyncSession, delivery_ids: list[int], now: datetime) -> None:
    """Give claimed deliveries back unsent: due again at once, their attempt not counted."""
    hand_back = DeliveryAction.HAND_BACK
    await session.exec(
        update(Delivery)
        .where(col(Delivery.id).in_(delivery_ids), _from(hand_back))
        .values(_written(delivery_life.change(hand_back, Occasion(now=now))))
    )
    await session.commit()


async def load_for_sending(
    *, session: AsyncSession, delivery_id: int
) -> tuple[Delivery, EventSnapshotV1 | None]:
    """The delivery and its event as now known (None for an email about no event)."""
    delivery = await session.get(Delivery, delivery_id)
    assert delivery is not None
    if delivery.event_id == NO_EVENT:
        return delivery, None
    known = await session.get(KnownEvent, delivery.event_id)
    assert known is not None
    return delivery, EventSnapshotV1.model_validate_json(known.snapshot)


def letter_of(delivery: Delivery) -> Letter:
    """The email a delivery owes, as the composer reads it."""
    return Letter(
        kind=delivery.kind,
        recipient_email=delivery.recipient_email,
        recipient_name=delivery.recipient_name,
        language=delivery.language,
        message_id=delivery.message_id,
        facts=dict(json.loads(delivery.payload or "{}")),
        renewal=renewal_of(delivery.key),
    )


async def mark_sent(*, session: AsyncSession, delivery_id: int, now: datetime) -> None:
    accepted = DeliveryAction.ACCEPTED
    await session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, _from(accepted))
        .values(_written(delivery_life.change(accepted, Occasion(now=now))))
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
    state = plain(DeliveryState, delivery)
    action, occasion = delivery_life.after_failure(
        state.attempts, permanent=permanent, error=error, now=now, schedule=schedule
    )
    failed = delivery_life.fire(state, action, occasion)
    await session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, col(Delivery.status) == state.status)
        .values(_written(failed))
    )
    await session.commit()
    return action == DeliveryAction.FAIL_FOR_NOW


def _from(action: DeliveryAction) -> ColumnElement[bool]:
    """The WHERE that keeps an UPDATE to the rows `action` may start from."""
    return col(Delivery.status).in_(delivery_life.TABLE.origins(action))


def _written(change: Change) -> dict[str, Any]:
    """A transition as UPDATE values: its columns, and the attempts it counts added."""
    values: dict[str, Any] = change.values()
    if change.effect.counted:
        values["attempts"] = col(Delivery.attempts) + change.effect.counted
    return values

"""Use cases of the notifications service around deliveries: the emails owed now, or no
longer (the sender's own are in sending.py). Staging helpers add to the caller's
transaction; only use cases commit."""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain import delivery_life
from services.notifications.domain.delivery_life import (
    Change,
    DeliveryAction,
    Occasion,
    delivery_key,
    message_id,
    renewal_of,
    round_id,
)
from services.notifications.domain.mails import TOLD_BY_HISTORY, OwedMail, with_history
from services.notifications.domain.participants import Registrant, mail_to
from services.notifications.formats.email import Letter
from services.notifications.storage.tables import Delivery
from shared.contracts import AttendanceFact
from shared.contracts.registrations import RegistrationFact

# Whose email it is: the registration and the event it names.
Owner = RegistrationFact | Registrant | AttendanceFact


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


async def owe_once(
    session: AsyncSession,
    owed: OwedMail,
    *,
    key: str,
    of: Owner,
    due_at: datetime,
    domain: str,
) -> bool:
    """Stage `owed` under `key` unless an email is owed under it already; returns whether
    it was staged."""
    if await _owed_already(session, key):
        return False
    _stage(session, owed, key=key, of=of, due_at=due_at, domain=domain)
    return True


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
    owed = mail_to(participant, kind, extra)
    return await owe_once(session, owed, key=key, of=participant, due_at=now, domain=domain)


def _stage(
    session: AsyncSession,
    owed: OwedMail,
    *,
    key: str,
    of: Owner,
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
    event did (staged; a claimed one too, its sender then does not begin it; one already
    handed to SMTP goes, it cannot be called back)."""
    scope = (
        col(Delivery.registration_id) == registration_id
        if registration_id is not None
        else col(Delivery.event_id) == event_id
    )
    drop = DeliveryAction.DROP
    await session.exec(
        update(Delivery)
        .where(scope, col(Delivery.kind).in_(kinds), in_origins(drop))
        .values(written(delivery_life.change(drop, Occasion(now=now))))
    )


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


def in_origins(action: DeliveryAction) -> ColumnElement[bool]:
    """The WHERE that keeps an UPDATE to the rows `action` may start from."""
    return col(Delivery.status).in_(delivery_life.TABLE.origins(action))


def written(change: Change) -> dict[str, Any]:
    """A transition as UPDATE values: its columns, and the attempts and resends it counts
    added."""
    values: dict[str, Any] = change.values()
    if change.effect.counted:
        values["attempts"] = col(Delivery.attempts) + change.effect.counted
    if change.effect.resent:
        values["resends"] = col(Delivery.resends) + change.effect.resent
    return values

"""The use cases of the webhook sender: claim due deliveries (a lease, so that replicas share
them and a sender that died gives its claim up when the lease runs out), then record each
attempt's answer, the move webhook_life chooses for it, the endpoint's failures in a row, and
when the delivery gives up, the endpoint turned off and WebhookDisabledV1 staged for the
owners' email, all in one transaction."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.webhook_life import (
    Answer,
    Attempted,
    DeliveryAction,
    DeliveryStatus,
    after_attempt,
    retry_delay,
)
from services.events.storage.tables import (
    WEBHOOK_DELIVERY,
    WEBHOOK_ENDPOINT,
    Account,
    Membership,
    Organization,
)
from services.events.usecases.revising import SOURCE
from shared.contracts import WebhookDisabledV1
from shared.outbox import add_to_outbox

DELIVERY, ENDPOINT = WEBHOOK_DELIVERY.c, WEBHOOK_ENDPOINT.c


@dataclass(frozen=True)
class Outgoing:
    """A claimed delivery, with what sending it needs; `held` is the claim's lease end."""

    delivery_id: int
    endpoint_id: int
    url: str
    secret: str
    message_id: str
    body: bytes
    attempts: int
    held: datetime


def _free(now: datetime):  # type: ignore[no-untyped-def]  # a SQL condition
    return or_(DELIVERY.lease_until.is_(None), DELIVERY.lease_until < now)


async def claim_due(
    session: AsyncSession, *, now: datetime, lease_seconds: float, limit: int
) -> list[Outgoing]:
    """Claim up to `limit` due deliveries of endpoints that are on, and commit the claims;
    each claim counts an attempt."""
    rows = await session.execute(
        select(
            DELIVERY.id,
            DELIVERY.endpoint_id,
            ENDPOINT.url,
            ENDPOINT.secret,
            DELIVERY.message_id,
            DELIVERY.body,
            DELIVERY.attempts,
        )
        .join(WEBHOOK_ENDPOINT, ENDPOINT.id == DELIVERY.endpoint_id)
        .where(
            DELIVERY.status == DeliveryStatus.PENDING.value,
            DELIVERY.next_attempt_at <= now,
            _free(now),
            ENDPOINT.enabled.is_(True),
        )
        .order_by(DELIVERY.id)
        .limit(limit)
    )
    held = now + timedelta(seconds=lease_seconds)
    claimed = []
    for delivery_id, endpoint_id, url, secret, message_id, body, attempts in rows.all():
        taken = await session.execute(
            update(WEBHOOK_DELIVERY)
            .where(
                DELIVERY.id == delivery_id,
                DELIVERY.status == DeliveryStatus.PENDING.value,
                _free(now),
            )
            .values(lease_until=held, attempts=DELIVERY.attempts + 1, attempted_at=now)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            claimed.append(
                Outgoing(
                    delivery_id,
                    endpoint_id,
                    url,
                    secret,
                    message_id,
                    body.encode(),
                    attempts + 1,
                    held,
                )
            )
    await session.commit()
    return claimed


async def record_answer(
    session: AsyncSession,
    *,
    outgoing: Outgoing,
    answer: Answer,
    now: datetime,
    schedule: tuple[float, ...],
    spread: float,
    events_url: str,
) -> DeliveryAction | None:
    """Record one attempt's answer and commit; None when the claim was no longer this
    sender's (redelivered, or taken over after the lease ran out): nothing recorded."""
    step = after_attempt(Attempted(answer, outgoing.attempts, schedule))
    columns: dict[str, object] = {
        "lease_until": None,
        "last_status_code": answer.status_code,
        "last_error": None if answer.ok else answer.said(),
    }
    if step.action is DeliveryAction.SUCCEED:
        columns["delivered_at"] = now
    elif step.action is DeliveryAction.FAIL_FOR_NOW:
        columns["next_attempt_at"] = now + retry_delay(outgoing.attempts, schedule, spread)
    moved = await session.execute(
        update(WEBHOOK_DELIVERY)
        .where(
            DELIVERY.id == outgoing.delivery_id,
            DELIVERY.status == step.origin,
            DELIVERY.lease_until == outgoing.held,
        )
        .values(**step.values(), **columns)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        await session.rollback()
        return None
    failures = 0 if answer.ok else ENDPOINT.failures + 1
    await session.execute(
        update(WEBHOOK_ENDPOINT)
        .where(ENDPOINT.id == outgoing.endpoint_id)
        .values(failures=failures)
    )
    if step.action is DeliveryAction.GIVE_UP:
        await _turn_off(session, outgoing, answer, now=now, events_url=events_url)
    await session.commit()
    return step.action


async def _turn_off(
    session: AsyncSession, outgoing: Outgoing, answer: Answer, *, now: datetime, events_url: str
) -> None:
    """Turn the endpoint off, if it is still on, and stage the fact its owners are mailed
    from (once: of two deliveries giving up at once, one turns it off)."""
    turned = await session.execute(
        update(WEBHOOK_ENDPOINT)
        .where(ENDPOINT.id == outgoing.endpoint_id, ENDPOINT.enabled.is_(True))
        .values(enabled=False, disabled_at=now)
        .returning(ENDPOINT.organization_id, ENDPOINT.failures)
    )
    row = turned.first()
    if row is None:
        return
    organization_id, failures = row
    organization = await session.get(Organization, organization_id)
    assert organization is not None
    owners = await session.execute(
        select(col(Account.email))
        .join(Membership, col(Membership.account_id) == col(Account.id))
        .where(col(Membership.organization_id) == organization_id, col(Membership.role) == "owner")
        .order_by(col(Account.email))
    )
    fact = WebhookDisabledV1(
        endpoint_id=outgoing.endpoint_id,
        organization_slug=organization.slug,
        organization_name=organization.name,
        url=outgoing.url,
        reason="gone" if answer.gone else "failing",
        failures=failures,
        last_error=answer.said(),
        owners=tuple(owners.scalars().all()),
        console_url=f"{events_url}/console/{organization.slug}/webhooks/{outgoing.endpoint_id}",
        disabled_at=now,
    )
    add_to_outbox(session, fact, source=SOURCE)

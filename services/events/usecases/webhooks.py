"""An organization's webhook endpoints, for its owners (Action.WEBHOOKS): listed, added (a
new signing secret each), turned on or off, removed with their deliveries; each endpoint's
delivery log, newest first, and a delivery sent again (the same webhook-id, the retry
schedule from the start)."""

import json
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.webhook_life import TABLE, DeliveryAction, DeliveryState
from services.events.domain.webhooks import (
    SECRET_BYTES,
    checked_kinds,
    checked_url,
    secret_from,
)
from services.events.storage.tables import WEBHOOK_DELIVERY, WEBHOOK_ENDPOINT
from shared.errors import NotFound

ENDPOINT, DELIVERY = WEBHOOK_ENDPOINT.c, WEBHOOK_DELIVERY.c
LOG_LENGTH = 50  # deliveries the log shows


@dataclass(frozen=True)
class Endpoint:
    id: int
    url: str
    description: str
    kinds: tuple[str, ...]
    secret: str
    enabled: bool
    failures: int
    disabled_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class Delivery:
    id: int
    message_id: str
    kind: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    attempted_at: datetime | None
    delivered_at: datetime | None


ENDPOINT_COLUMNS = (
    ENDPOINT.id,
    ENDPOINT.url,
    ENDPOINT.description,
    ENDPOINT.kinds,
    ENDPOINT.secret,
    ENDPOINT.enabled,
    ENDPOINT.failures,
    ENDPOINT.disabled_at,
    ENDPOINT.created_at,
)
DELIVERY_COLUMNS = tuple(DELIVERY[name] for name in Delivery.__dataclass_fields__)


def _endpoint(row: tuple[object, ...]) -> Endpoint:
    values = list(row)
    values[3] = tuple(json.loads(str(values[3])))
    return Endpoint(*values)  # type: ignore[arg-type]


async def list_endpoints(*, session: AsyncSession, principal: Principal) -> list[Endpoint]:
    """The organization's endpoints, oldest first."""
    principal.require(Action.WEBHOOKS)
    rows = await session.execute(
        select(*ENDPOINT_COLUMNS)
        .where(ENDPOINT.organization_id == principal.organization_id)
        .order_by(ENDPOINT.id)
    )
    return [_endpoint(tuple(row)) for row in rows.all()]


async def get_endpoint(
    *, session: AsyncSession, principal: Principal, endpoint_id: int
) -> Endpoint:
    """One of the organization's endpoints; another organization's is not found."""
    principal.require(Action.WEBHOOKS)
    row = (
        await session.execute(
            select(*ENDPOINT_COLUMNS).where(
                ENDPOINT.id == endpoint_id,
                ENDPOINT.organization_id == principal.organization_id,
            )
        )
    ).first()
    if row is None:
        raise NotFound("No such webhook endpoint")
    return _endpoint(tuple(row))


async def add_endpoint(
    *,
    session: AsyncSession,
    principal: Principal,
    url: str,
    kinds: list[str],
    description: str = "",
    allow_local_http: bool,
    now: datetime,
) -> Endpoint:
    """Add an endpoint with a new secret; WebhookRefused for an address or kinds refused."""
    principal.require(Action.WEBHOOKS)
    values = {
        "organization_id": principal.organization_id,
        "url": checked_url(url, allow_local_http=allow_local_http),
        "description": " ".join(description.split())[:200],
        "kinds": json.dumps(checked_kinds(kinds)),
        "secret": secret_from(secrets.token_bytes(SECRET_BYTES)),
        "enabled": True,
        "failures": 0,
        "created_at": now,
    }
    made = await session.execute(insert(WEBHOOK_ENDPOINT).values(**values))
    endpoint_id = made.inserted_primary_key[0]  # type: ignore[attr-defined]
    await session.commit()
    return await get_endpoint(session=session, principal=principal, endpoint_id=endpoint_id)


async def set_enabled(
    *, session: AsyncSession, principal: Principal, endpoint_id: int, enabled: bool, now: datetime
) -> None:
    """Turn an endpoint on (its failures forgotten; what it was owed is sent) or off."""
    await get_endpoint(session=session, principal=principal, endpoint_id=endpoint_id)
    values: dict[str, object] = {"enabled": enabled, "disabled_at": None if enabled else now}
    if enabled:
        values["failures"] = 0
    await session.execute(
        update(WEBHOOK_ENDPOINT).where(ENDPOINT.id == endpoint_id).values(**values)
    )
    await session.commit()


async def remove_endpoint(*, session: AsyncSession, principal: Principal, endpoint_id: int) -> None:
    """Remove an endpoint and its delivery log."""
    await get_endpoint(session=session, principal=principal, endpoint_id=endpoint_id)
    await session.execute(delete(WEBHOOK_DELIVERY).where(DELIVERY.endpoint_id == endpoint_id))
    await session.execute(delete(WEBHOOK_ENDPOINT).where(ENDPOINT.id == endpoint_id))
    await session.commit()


async def deliveries(
    *, session: AsyncSession, principal: Principal, endpoint_id: int, limit: int = LOG_LENGTH
) -> list[Delivery]:
    """An endpoint's deliveries, newest first."""
    await get_endpoint(session=session, principal=principal, endpoint_id=endpoint_id)
    rows = await session.execute(
        select(*DELIVERY_COLUMNS)
        .where(DELIVERY.endpoint_id == endpoint_id)
        .order_by(DELIVERY.id.desc())
        .limit(limit)
    )
    return [Delivery(*row) for row in rows.all()]


async def redeliver(
    *,
    session: AsyncSession,
    principal: Principal,
    endpoint_id: int,
    delivery_id: int,
    now: datetime,
) -> None:
    """Send a delivery again, due now, with the same webhook-id and body; its retry schedule
    starts again. NotFound for a delivery of another endpoint."""
    await get_endpoint(session=session, principal=principal, endpoint_id=endpoint_id)
    status = (
        await session.execute(
            select(DELIVERY.status).where(
                DELIVERY.id == delivery_id, DELIVERY.endpoint_id == endpoint_id
            )
        )
    ).scalar()
    if status is None:
        raise NotFound("No such delivery")
    step = TABLE.step(DeliveryState(status), DeliveryAction.REDELIVER, None, subject="The delivery")
    await session.execute(
        update(WEBHOOK_DELIVERY)
        .where(DELIVERY.id == delivery_id, DELIVERY.status == step.origin)
        .values(**step.values(), attempts=0, next_attempt_at=now, lease_until=None)
    )
    await session.commit()

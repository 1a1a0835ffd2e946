"""Facts heard on the bus become the deliveries owed to an organization's endpoints: one per
endpoint that is on, takes the fact's kind, and was added before the fact was published.
Staged in the consumer's transaction with its inbox row (shared.inbox.run_once), and unique
per (endpoint, bus message), so a fact heard twice owes nothing more."""

import json
from datetime import datetime

from sqlalchemy import insert, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain import webhook_life
from services.events.domain.webhook_payloads import About, body, kind_of
from services.events.domain.webhooks import webhook_id
from services.events.storage.tables import WEBHOOK_DELIVERY, WEBHOOK_ENDPOINT, Event
from shared.contracts import EventFact, Fact

ENDPOINT = WEBHOOK_ENDPOINT.c


async def stage_deliveries(
    session: AsyncSession, *, fact: Fact, message_id: str, published_at: datetime, now: datetime
) -> int:
    """Owe the fact to each endpoint that takes it (staged, not committed); how many."""
    kind = kind_of(fact)
    if kind is None:
        return 0
    about = await _about(session, fact)
    if about is None:
        return 0  # an event this service never had: nobody's webhook
    found = await session.execute(
        select(ENDPOINT.id, ENDPOINT.kinds, ENDPOINT.created_at).where(
            ENDPOINT.organization_id == about.organization_id, ENDPOINT.enabled.is_(True)
        )
    )
    takers = [
        endpoint_id
        for endpoint_id, kinds, created_at in found.all()
        if kind in json.loads(kinds) and created_at <= published_at
    ]
    if not takers:
        return 0
    sent = body(fact, about, heard_at=published_at).decode()
    status = webhook_life.staged()
    rows = [
        {
            "endpoint_id": endpoint_id,
            "message_id": webhook_id(message_id),
            "kind": kind,
            "body": sent,
            "status": status,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for endpoint_id in takers
    ]
    await session.execute(insert(WEBHOOK_DELIVERY), rows)
    return len(rows)


async def _about(session: AsyncSession, fact: Fact) -> About | None:
    event_id = fact.event.id if isinstance(fact, EventFact) else getattr(fact, "event_id", None)
    if not isinstance(event_id, str):
        return None
    row = (
        await session.execute(
            select(col(Event.slug), col(Event.organization_id)).where(col(Event.id) == event_id)
        )
    ).first()
    if row is None:
        return None
    return About(event_id=event_id, slug=row[0], organization_id=row[1])

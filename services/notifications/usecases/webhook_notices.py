"""An organization's webhook endpoint turned off after failing (events.webhook.disabled): one
email to each of the organization's owners, saying which address failed, how, and where in
the console to turn it on again. Like an invitation, it belongs to no event and no
registration: the delivery names the endpoint's disabling (`webhook-<id>-<when>`)."""

import json
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key, message_id
from services.notifications.storage.tables import Delivery
from services.notifications.usecases.invitations import NO_EVENT
from shared.contracts import WebhookDisabledV1

KIND = "webhook_disabled"


async def hear_webhook_disabled(
    session: AsyncSession, *, fact: WebhookDisabledV1, domain: str, now: datetime
) -> None:
    """Owe each owner one email (staged; never twice for one disabling)."""
    owner = f"webhook-{fact.endpoint_id}-{int(fact.disabled_at.timestamp())}"
    keys = {email: delivery_key(owner, KIND, number) for number, email in enumerate(fact.owners)}
    known = await session.exec(select(Delivery.key).where(col(Delivery.key).in_(keys.values())))
    owed = set(keys.values()) - set(known.all())
    payload = json.dumps(
        {
            "organization_name": fact.organization_name,
            "url": fact.url,
            "reason": fact.reason,
            "failures": fact.failures,
            "last_error": fact.last_error,
            "console_url": fact.console_url,
            "disabled_at": fact.disabled_at.isoformat(),
        }
    )
    for email, key in keys.items():
        if key not in owed:
            continue
        session.add(
            Delivery(
                key=key,
                kind=KIND,
                registration_id=owner,
                event_id=NO_EVENT,
                recipient_email=email,
                recipient_name="",
                language=fact.language,
                message_id=message_id(key, domain),
                next_attempt_at=now,
                payload=payload,
            )
        )

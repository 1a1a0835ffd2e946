"""Invitations to join an organization (events.invitation.sent): one email each, to the
invited address, in the inviter's language. They belong to no event and no registration:
the delivery names the invitation instead (`invitation-<id>`) and has no event."""

import json
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key, message_id
from services.notifications.storage.tables import Delivery
from shared.contracts import InvitationSentV1

KIND = "invitation"
NO_EVENT = ""  # a delivery about no event: sent without waiting for an event's copy


async def hear_invitation(
    session: AsyncSession, *, fact: InvitationSentV1, domain: str, now: datetime
) -> None:
    """Owe the invited person one email (staged; never twice for one invitation)."""
    owner = f"invitation-{fact.invitation_id}"
    key = delivery_key(owner, KIND)
    if (await session.exec(select(Delivery.id).where(Delivery.key == key))).first() is not None:
        return
    payload = {
        "link": fact.link,
        "organization_name": fact.organization_name,
        "role": fact.role,
        "invited_by": fact.invited_by,
        "expires_at": fact.expires_at.isoformat(),
    }
    session.add(
        Delivery(
            key=key,
            kind=KIND,
            registration_id=owner,
            event_id=NO_EVENT,
            recipient_email=fact.email,
            recipient_name="",
            language=fact.language,
            message_id=message_id(key, domain),
            next_attempt_at=now,
            payload=json.dumps(payload),
        )
    )

"""Shapes of the notifications API: the delivery log as operators read it, and a refusal."""

from datetime import datetime

from pydantic import BaseModel


class DeliveryPublic(BaseModel):
    id: int
    key: str
    kind: str
    recipient_email: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class Problem(BaseModel):
    """A refusal: what happened, in words."""

    detail: str

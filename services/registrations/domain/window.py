"""Whether an event takes registrations right now."""

from datetime import datetime
from typing import Literal

from services.registrations.storage.tables import EventCopy

State = Literal["open", "not_yet_open", "closed", "cancelled", "full"]


def registration_state(event: EventCopy, now: datetime) -> State:
    if event.status != "published":
        return "cancelled" if event.status == "cancelled" else "closed"
    if not event.open_to_public:  # a meeting by invitation takes no registrations here
        return "closed"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_yet_open"
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        return "closed"
    if event.seats_taken >= event.capacity:
        return "full"
    return "open"

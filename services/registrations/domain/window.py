"""Whether an event takes registrations right now."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

State = Literal["open", "not_yet_open", "closed", "cancelled", "full"]


@dataclass(frozen=True)
class Window:
    """What decides whether an event takes registrations (from this service's event copy)."""

    status: str  # the event's publication status
    starts_at: datetime
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    capacity: int
    seats_taken: int
    open_to_public: bool = True


def registration_state(event: Window, now: datetime) -> State:
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

"""What the public pages say of registering for an event: the band registrations published
(open, few places left, only online, waitlist, full, closed), and the registration window
the event itself sets (past its closing, the pages say closed without waiting for a fact)."""

from dataclasses import dataclass
from datetime import datetime

# The button under each band: None where there is nothing to register for.
BUTTONS = {
    "open": "register",
    "few": "register",
    "online_only": "register_online",
    "waitlist": "register_waitlist",
    "full": None,
    "closed": None,
}


@dataclass(frozen=True)
class Shown:
    band: str  # open, few, online_only, waitlist, full, closed
    places_left: int | None = None

    @property
    def button(self) -> str | None:
        """The key of the button's label, or None: no button."""
        return BUTTONS[self.band]

    def tag(self) -> str:
        """What a cached page depends on, for its ETag."""
        return f"{self.band}:{self.places_left or ''}"


def shown(
    band: str | None,
    places_left: int | None,
    *,
    closes_at: datetime,
    now: datetime,
) -> Shown:
    """The band to show: `band` as registrations said it (None: not heard yet, shown open),
    unless registration closed by time (`closes_at`, the closing or else the start)."""
    if now >= closes_at:
        return Shown("closed")
    if band not in BUTTONS:
        return Shown("open")
    return Shown(band, places_left if band == "few" else None)

"""The availability band the public pages show of an event (open, few places left, only
online, waitlist, full, closed), worked out from the seat counts alone. Registrations
publishes a band when it changes, so the events pages stay true without asking."""

from dataclasses import dataclass
from typing import Literal, get_args

from services.registrations.domain.registration_life import modes_of
from shared.contracts.registrations import AvailabilityBand

FEW_AT_MOST = 10  # "few places left" begins at ten places left...
FEW_SHARE = 5  # ...or at a fifth of the room, when that is fewer (2 of 10, 4 of 20)


@dataclass(frozen=True)
class Seats:
    """What the event row says of its seats (as a seat UPDATE returns it)."""

    status: str
    open_to_public: bool
    attendance_mode: str
    capacity: int
    seats_taken: int
    online_capacity: int | None
    online_seats_taken: int


@dataclass(frozen=True)
class Band:
    band: AvailabilityBand | Literal[""]  # "": none published yet
    places_left: int | None = None  # with "few"

    @classmethod
    def stored(cls, band: str, places_left: int | None) -> "Band":
        """The band as the event row keeps it ("" until one was published)."""
        for known in get_args(AvailabilityBand):
            if band == known:
                return cls(known, places_left)
        return cls("")

    def by_seats(self) -> "Band":
        """The band as the seat counts alone tell it: 'waitlist' is 'full' with a waitlist."""
        return Band("full") if self.band == "waitlist" else self


def few_from(capacity: int) -> int:
    """From how many places left on the page says 'few places left' (and how many)."""
    return min(FEW_AT_MOST, max(capacity // FEW_SHARE, 1))


def _left(seats: Seats, mode: str) -> tuple[int | None, int]:
    """(places left, capacity) in `mode`; None left for an online stream without a cap."""
    if mode == "online":
        if seats.online_capacity is None:
            return None, 0
        return max(seats.online_capacity - seats.online_seats_taken, 0), seats.online_capacity
    return max(seats.capacity - seats.seats_taken, 0), seats.capacity


def band_by_seats(seats: Seats) -> Band:
    """The band from the counts: 'full' here becomes 'waitlist' where the form keeps one."""
    if seats.status != "published" or not seats.open_to_public:
        return Band("closed")
    modes = modes_of(seats.attendance_mode)
    left, capacity = _left(seats, modes[0])  # the room first, for a hybrid event
    if left is None or left > few_from(capacity):
        return Band("open")
    if left > 0:
        return Band("few", left)
    if len(modes) > 1:
        online_left, _ = _left(seats, "online")
        if online_left is None or online_left > 0:
            return Band("online_only")
    return Band("full")


def with_waitlist(band: Band, waitlist: bool) -> Band:
    """The band as published: a full event that keeps a waitlist says so."""
    return Band("waitlist") if band.band == "full" and waitlist else band

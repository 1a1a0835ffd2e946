"""Sessions people sign up for: the programme's items with seats (a workshop table of 30),
and which choices can be held together. Two sessions that overlap in time cannot both be
chosen: a person is in one room at a time, and a seat held in a room they cannot reach is
a seat another person lacks."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from shared.contracts import EventSnapshotV1
from shared.errors import Invalid
from shared.ical_sessions import sessions_of

MAX_CHOICES = 50


@dataclass(frozen=True)
class Offered:
    """A session one signs up for: its item, title, time and seats."""

    item_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    seats: int

    def overlaps(self, other: "Offered") -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


def offered(snapshot: EventSnapshotV1) -> dict[int, Offered]:
    """The event's sessions with seats, by item id, in programme order."""
    found = {}
    for item in sessions_of(snapshot):
        assert item.id is not None and item.starts_at and item.ends_at and item.seats
        found[item.id] = Offered(item.id, item.title, item.starts_at, item.ends_at, item.seats)
    return found


class SessionsRefused(Invalid):
    """Choices that cannot be held together, said so a person can choose again."""


def checked(wanted: Iterable[int], sessions: dict[int, Offered]) -> list[Offered]:
    """The sessions chosen, in time order; SessionsRefused for one the event does not offer
    or two at the same time (naming both)."""
    chosen_ids = list(dict.fromkeys(wanted))
    if len(chosen_ids) > MAX_CHOICES:
        raise SessionsRefused(f"At most {MAX_CHOICES} sessions can be chosen")
    unknown = [item_id for item_id in chosen_ids if item_id not in sessions]
    if unknown:
        raise SessionsRefused(f"Sessions {unknown} are not sessions of this event one signs up for")
    chosen = sorted((sessions[i] for i in chosen_ids), key=lambda s: (s.starts_at, s.item_id))
    for earlier, later in pairwise(chosen):
        if earlier.overlaps(later):
            raise SessionsRefused(
                f"'{earlier.title}' and '{later.title}' are at the same time: choose one of them"
            )
    return chosen

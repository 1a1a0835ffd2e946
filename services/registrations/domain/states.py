"""Registration statuses and what each one means for seats."""

from enum import StrEnum


class Status(StrEnum):
    """Where a registration is in its life (domain/life.py moves it from one to the next)."""

    PENDING = "pending"  # holds a seat until the person confirms their address
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a freed seat, held until the person accepts it
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # the address was not confirmed in time
    LAPSED = "lapsed"  # the offer was not accepted in time


HOLDS_SEAT = frozenset({Status.PENDING, Status.OFFERED, Status.CONFIRMED})
ACTIVE = HOLDS_SEAT | {Status.WAITLISTED}
ENDED = frozenset({Status.CANCELLED, Status.EXPIRED, Status.LAPSED})
MODES = ("in_person", "online")


def modes_of(attendance_mode: str) -> tuple[str, ...]:
    """The ways a person may attend an event of this attendance mode."""
    return {"in_person": ("in_person",), "online": ("online",)}.get(attendance_mode, MODES)

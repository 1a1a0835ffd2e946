"""The guards of a registration's life (domain/registration_life.py): small pure conditions on the
registration's own deadlines and on what the use case learned under its locks (whether a
seat was taken, the form's settings, the moment). Each docstring is the guard's column of
the table in the README."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


class Stateful(Protocol):
    """A registration as the machine reads and moves it (a registration row will do)."""

    status: str
    confirm_by: datetime | None
    offer_expires_at: datetime | None
    offers: int


@dataclass(frozen=True)
class Given:
    """What the use case knows besides the registration itself."""

    now: datetime
    seat_taken: bool = False  # a seat was taken for this person under the event row's lock
    double_opt_in: bool = False
    waitlist: bool = False  # the event keeps a waitlist
    near: bool = False  # the event starts within its `near_event_hours`
    offer: int | None = None  # the offer an accept link names


def _past(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and deadline < now


def always(_: Stateful | None, given: Given) -> bool:
    """—"""
    return True


def by_hand(_: Stateful | None, given: Given) -> bool:
    """the organizer's decision: a seat even beyond capacity"""
    return True


def seat_at_once(_: Stateful | None, given: Given) -> bool:
    """a seat was free; no double opt-in"""
    return given.seat_taken and not given.double_opt_in


def seat_to_confirm(_: Stateful | None, given: Given) -> bool:
    """a seat was free; double opt-in"""
    return given.seat_taken and given.double_opt_in


def waitlist_open(_: Stateful | None, given: Given) -> bool:
    """no seat was free; the event keeps a waitlist"""
    return not given.seat_taken and given.waitlist


def seat_far(_: Stateful | None, given: Given) -> bool:
    """a seat was freed; the start is not near"""
    return given.seat_taken and not given.near


def seat_near(_: Stateful | None, given: Given) -> bool:
    """a seat was freed; the start is near"""
    return given.seat_taken and given.near


def in_time_to_confirm(record: Stateful | None, given: Given) -> bool:
    """not past `confirm_by`"""
    return record is not None and not _past(record.confirm_by, given.now)


def confirm_overdue(record: Stateful | None, given: Given) -> bool:
    """past `confirm_by`"""
    return record is not None and _past(record.confirm_by, given.now)


def offer_live(record: Stateful | None, given: Given) -> bool:
    """the link names the latest offer; not past `offer_expires_at`"""
    if record is None or record.offers != given.offer:
        return False
    return not _past(record.offer_expires_at, given.now)


def offer_overdue(record: Stateful | None, given: Given) -> bool:
    """past `offer_expires_at`"""
    return record is not None and _past(record.offer_expires_at, given.now)


def near_start(starts_at: datetime, now: datetime, hours: float) -> bool:
    """Close enough to the start that a freed seat is given without asking."""
    return starts_at - now <= timedelta(hours=hours)

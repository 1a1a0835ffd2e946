"""A registration's life, in one place: its statuses and what each means for seats, when an
event's form takes registrations, and one table of its moves from status to status, each
with the action that makes it, the guard that must hold and the fact it publishes. Every
status change in the service goes through TABLE (shared/lifecycle.py): `TABLE.step` or
`TABLE.pick` finds the move, `TABLE.move` makes it on a row, and a conditional UPDATE writes
`step.values()` keeping `step.origin` in its WHERE. A move not in the table raises
IllegalTransition (a 409).

The guards (domain/guards.py) are pure: they read the registration's own deadlines and what
the use case learned under its locks. The README shows the table
(`python -m devstack.lifecycles`)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from services.registrations.domain.guards import (
    Given,
    Stateful,
    always,
    by_hand,
    confirm_overdue,
    in_time_to_confirm,
    offer_live,
    offer_overdue,
    seat_at_once,
    seat_far,
    seat_near,
    seat_to_confirm,
    waitlist_open,
)
from shared.contracts import (
    RegistrationCancelledV1,
    RegistrationConfirmedV1,
    RegistrationOfferedV1,
    RegistrationPendingV1,
    RegistrationPromotedV1,
    RegistrationWaitlistedV1,
)
from shared.contracts.registrations import RegistrationFact
from shared.lifecycle import Step, Table, Transition

# Its statuses, and what each means for seats.


class Status(StrEnum):
    """Where a registration is in its life (the table below moves it from one to the next)."""

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


# When the form takes registrations.

WindowState = Literal["open", "not_yet_open", "closed", "cancelled", "full"]


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


def registration_state(event: Window, now: datetime) -> WindowState:
    """Whether the event takes registrations right now, and if not, why."""
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


# The table of moves.


class Action(StrEnum):
    """What moves a registration: its person, an organizer, the sweeper or the events stream."""

    REGISTER = "register"
    REGISTER_TO_CONFIRM = "register_to_confirm"  # double opt-in: the address comes next
    JOIN_WAITLIST = "join_waitlist"
    CONFIRM_ADDRESS = "confirm_address"
    OFFER = "offer"  # a freed seat, held for the first in line
    PROMOTE = "promote"  # a freed seat near the start: given without asking
    ACCEPT_OFFER = "accept_offer"
    CONFIRM_BY_HAND = "confirm_by_hand"
    EXPIRE = "expire"
    LAPSE = "lapse"
    CANCEL = "cancel"
    DECLINE = "decline"
    CANCEL_EVENT = "cancel_event"


@dataclass(frozen=True)
class Ending:
    """Why a registration ended, as its RegistrationCancelledV1 says it."""

    reason: str

    def __str__(self) -> str:
        return f"reason {self.reason}"


RegistrationStep = Step[Status, Action, Ending | None, RegistrationFact]

S, A, T = Status, Action, Transition
ENTRY = (None, S.CANCELLED, S.EXPIRED, S.LAPSED)  # new, or back after an end
LIVE = (S.PENDING, S.OFFERED, S.WAITLISTED, S.CONFIRMED)
NOT_YET_IN = (S.OFFERED, S.WAITLISTED)  # promoted when confirmed
Pending, Confirmed = RegistrationPendingV1, RegistrationConfirmedV1
Waitlisted, Offered = RegistrationWaitlistedV1, RegistrationOfferedV1
Promoted, Cancelled = RegistrationPromotedV1, RegistrationCancelledV1
TABLE: Table[Status, Action, Stateful | None, Given, Ending | None, RegistrationFact] = Table(
    "A registration's life",
    [
        T(ENTRY, A.REGISTER, S.CONFIRMED, seat_at_once, None, Confirmed),
        T(ENTRY, A.REGISTER_TO_CONFIRM, S.PENDING, seat_to_confirm, None, Pending),
        T(ENTRY, A.JOIN_WAITLIST, S.WAITLISTED, waitlist_open, None, Waitlisted),
        T((S.PENDING,), A.CONFIRM_ADDRESS, S.CONFIRMED, in_time_to_confirm, None, Confirmed),
        T((S.WAITLISTED,), A.OFFER, S.OFFERED, seat_far, None, Offered),
        T((S.WAITLISTED,), A.PROMOTE, S.CONFIRMED, seat_near, None, Promoted),
        T((S.OFFERED,), A.ACCEPT_OFFER, S.CONFIRMED, offer_live, None, Promoted),
        T((S.PENDING,), A.CONFIRM_BY_HAND, S.CONFIRMED, by_hand, None, Confirmed),
        T(NOT_YET_IN, A.CONFIRM_BY_HAND, S.CONFIRMED, by_hand, None, Promoted),
        T((S.PENDING,), A.EXPIRE, S.EXPIRED, confirm_overdue, Ending("expired"), Cancelled),
        T((S.OFFERED,), A.LAPSE, S.LAPSED, offer_overdue, Ending("lapsed"), Cancelled),
        T(LIVE, A.CANCEL, S.CANCELLED, always, Ending("by_person"), Cancelled),
        T(LIVE, A.DECLINE, S.CANCELLED, always, Ending("by_organizer"), Cancelled),
        T(LIVE, A.CANCEL_EVENT, S.CANCELLED, always, Ending("event_cancelled"), Cancelled),
    ],
    subject="This registration",
    refusal="{subject} is {status}: {action} is not possible",
    new="not registered yet",
)


def settled(record: Stateful, action: Action) -> bool:
    """Nothing is left for `action` to do: the record already is where it leads (for an end,
    any end), so doing it again changes nothing."""
    targets = {t.to for t in TABLE.transitions if t.action is action}
    status = Status(record.status)
    return status in targets or (targets <= ENDED and status in ENDED)

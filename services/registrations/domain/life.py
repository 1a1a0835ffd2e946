"""A registration's life, in one place: its statuses and what each means for seats, when an
event's form takes registrations, and one table of its moves from status to status, each
with the action that makes it, the guard that must hold and the fact it publishes. Every
status change in the service goes through here; a move that is not in the table raises
IllegalTransition.

The guards (domain/guards.py) are pure: they read the registration's own deadlines and what
the use case learned under its locks. `markdown()` renders the table for the README:
`python -m services.registrations.domain.life`."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from services.registrations.domain.errors import IllegalTransition
from services.registrations.domain.guards import (
    Given,
    Guard,
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
class Rule:
    """One row of the table: from any of `origins` (None: not registered yet), `action`
    leads to `to` when `guard` holds, and publishes `fact` (with `reason`, for an end)."""

    origins: tuple[Status | None, ...]
    action: Action
    to: Status
    fact: type[RegistrationFact]
    guard: Guard = always
    reason: str | None = None


S, A = Status, Action
ENTRY = (None, S.CANCELLED, S.EXPIRED, S.LAPSED)  # new, or back after an end
LIVE = (S.PENDING, S.OFFERED, S.WAITLISTED, S.CONFIRMED)
NOT_YET_IN = (S.OFFERED, S.WAITLISTED)  # promoted when confirmed
Cancelled = RegistrationCancelledV1
RULES = (
    Rule(ENTRY, A.REGISTER, S.CONFIRMED, RegistrationConfirmedV1, seat_at_once),
    Rule(ENTRY, A.REGISTER_TO_CONFIRM, S.PENDING, RegistrationPendingV1, seat_to_confirm),
    Rule(ENTRY, A.JOIN_WAITLIST, S.WAITLISTED, RegistrationWaitlistedV1, waitlist_open),
    Rule((S.PENDING,), A.CONFIRM_ADDRESS, S.CONFIRMED, RegistrationConfirmedV1, in_time_to_confirm),
    Rule((S.WAITLISTED,), A.OFFER, S.OFFERED, RegistrationOfferedV1, seat_far),
    Rule((S.WAITLISTED,), A.PROMOTE, S.CONFIRMED, RegistrationPromotedV1, seat_near),
    Rule((S.OFFERED,), A.ACCEPT_OFFER, S.CONFIRMED, RegistrationPromotedV1, offer_live),
    Rule((S.PENDING,), A.CONFIRM_BY_HAND, S.CONFIRMED, RegistrationConfirmedV1, by_hand),
    Rule(NOT_YET_IN, A.CONFIRM_BY_HAND, S.CONFIRMED, RegistrationPromotedV1, by_hand),
    Rule((S.PENDING,), A.EXPIRE, S.EXPIRED, Cancelled, confirm_overdue, "expired"),
    Rule((S.OFFERED,), A.LAPSE, S.LAPSED, Cancelled, offer_overdue, "lapsed"),
    Rule(LIVE, A.CANCEL, S.CANCELLED, Cancelled, reason="by_person"),
    Rule(LIVE, A.DECLINE, S.CANCELLED, Cancelled, reason="by_organizer"),
    Rule(LIVE, A.CANCEL_EVENT, S.CANCELLED, Cancelled, reason="event_cancelled"),
)


def _index(rules: Iterable[Rule]) -> dict[tuple[Status | None, Action], Rule]:
    index: dict[tuple[Status | None, Action], Rule] = {}
    for rule in rules:
        for origin in rule.origins:
            if (origin, rule.action) in index:  # one row per (from, action), or it is no table
                raise ValueError(f"{origin} --{rule.action}--> twice in the table")
            index[origin, rule.action] = rule
    return index


TABLE = _index(RULES)


@dataclass(frozen=True)
class Transition:
    """One allowed move, as the table gives it."""

    origin: Status | None
    rule: Rule

    @property
    def action(self) -> Action:
        return self.rule.action

    @property
    def to(self) -> Status:
        return self.rule.to

    @property
    def fact(self) -> type[RegistrationFact]:
        return self.rule.fact

    @property
    def reason(self) -> str | None:
        return self.rule.reason


def status_of(record: Stateful | None) -> Status | None:
    return None if record is None else Status(record.status)


def transition(record: Stateful | None, action: Action, given: Given) -> Transition:
    """The move `action` makes from where the record is (None: not registered yet); raises
    IllegalTransition when the table has no such move or its guard does not hold."""
    origin = status_of(record)
    rule = TABLE.get((origin, action))
    if rule is None or not rule.guard(record, given):
        raise IllegalTransition(origin, action)
    return Transition(origin, rule)


def allowed(record: Stateful | None, action: Action, given: Given) -> bool:
    rule = TABLE.get((status_of(record), action))
    return rule is not None and rule.guard(record, given)


def pick(record: Stateful | None, actions: Iterable[Action], given: Given) -> Transition | None:
    """The first of `actions` allowed now, if any: the guards choose, not the caller."""
    for action in actions:
        if allowed(record, action, given):
            return transition(record, action, given)
    return None


def move(record: Stateful, step: Transition) -> None:
    """Give the record its new status: the one assignment of a status in the service."""
    if step.origin is not None and record.status != step.origin:
        raise IllegalTransition(record.status, step.action)
    record.status = step.to.value


def advance(record: Stateful, action: Action, given: Given) -> Transition:
    """Check and make the move `action` makes from where the record is."""
    step = transition(record, action, given)
    move(record, step)
    return step


def update_values(step: Transition) -> dict[str, str]:
    """What a conditional UPDATE sets to make the move. Its WHERE must keep the status equal
    to `step.origin`: of two writers racing for one row, only one then makes the move."""
    return {"status": step.to.value}


def settled(record: Stateful, action: Action) -> bool:
    """Nothing is left for `action` to do: the record already is where it leads (for an end,
    any end), so doing it again changes nothing."""
    targets = {rule.to for rule in RULES if rule.action is action}
    status = Status(record.status)
    return status in targets or (targets <= ENDED and status in ENDED)


def origins(action: Action) -> frozenset[Status]:
    """The statuses `action` can move a registration from (guards aside)."""
    return frozenset(origin for origin, act in TABLE if act is action and origin is not None)


def rows() -> list[tuple[str, str, str, str, str]]:
    """The table as text, a row per rule: from, action, to, guard, fact."""
    return [
        (
            ", ".join(origin or "(new)" for origin in rule.origins),
            rule.action.value,
            rule.to.value,
            (rule.guard.__doc__ or "").strip(),
            rule.fact.__name__ + (f" (reason {rule.reason})" if rule.reason else ""),
        )
        for rule in RULES
    ]


def markdown() -> str:
    """The table in Markdown, as the README shows it."""
    lines = ["| from | action | to | guard | fact |", "| --- | --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())

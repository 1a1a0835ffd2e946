"""An event's publication life: a draft is published, then cancelled or, once it has ended,
completed. Every status change of an event goes through TABLE, by `step`; a move the table
does not hold is refused (IllegalTransition, a 409). Each row names the fact it emits."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from shared.contracts import (
    EventCancelledV1,
    EventFact,
    EventPublishedV1,
    EventSnapshotV1,
    EventUpdatedV1,
)
from shared.errors import Conflict


class EventStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class EventAction(StrEnum):
    EDIT = "edit"
    PUBLISH = "publish"
    CANCEL = "cancel"
    COMPLETE = "complete"


INITIAL = EventStatus.DRAFT  # an event is created a draft
# What readers see: the public pages, feeds and lists; a draft stays hidden.
PUBLIC = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.COMPLETED)

# (from, action, to, guard, fact emitted) in words, as the README shows the table.
Row = tuple[str, str, str, str, str]


class IllegalTransition(Conflict):
    """A status change the table does not hold, or whose guard does not hold now."""


@dataclass(frozen=True)
class EventState:
    """What the guards look at: the event's status and when it ends."""

    status: str
    ends_at: datetime


Guard = Callable[[EventState, datetime | None], bool]


def anytime(event: EventState, now: datetime | None) -> bool:
    """none"""
    return True


def ended(event: EventState, now: datetime | None) -> bool:
    """the event has ended"""
    return now is not None and event.ends_at <= now


@dataclass(frozen=True)
class Transition:
    """One row: from `source`, `action` leads to `target` when `guard` holds, and the use
    case stages `emits` (None: nothing, a draft is private) as `effect` says."""

    source: EventStatus
    action: EventAction
    target: EventStatus
    guard: Guard
    emits: type[EventFact] | None
    effect: str

    def values(self) -> dict[str, str]:
        """The columns the move writes: the new status."""
        return {"status": self.target.value}

    def emit(self, snapshot: EventSnapshotV1, **details: Any) -> EventFact:
        """The fact this move emits, about the event as `snapshot` says."""
        if self.emits is None:
            raise ValueError(f"{self.action} of a {self.source} event emits nothing")
        return self.emits(event=snapshot, **details)


_S, _A = EventStatus, EventAction
TABLE = (
    Transition(_S.DRAFT, _A.EDIT, _S.DRAFT, anytime, None, "nothing: a draft is private"),
    Transition(_S.DRAFT, _A.PUBLISH, _S.PUBLISHED, anytime, EventPublishedV1, "revision 1"),
    Transition(
        _S.PUBLISHED, _A.EDIT, _S.PUBLISHED, anytime, EventUpdatedV1, "a revision, if it changed"
    ),
    Transition(
        _S.PUBLISHED, _A.CANCEL, _S.CANCELLED, anytime, EventCancelledV1, "a revision: CANCEL"
    ),
    Transition(
        _S.PUBLISHED, _A.COMPLETE, _S.COMPLETED, ended, EventUpdatedV1, "a revision: completed"
    ),
)
_BY_MOVE = {(t.source.value, t.action.value): t for t in TABLE}
# How each action is refused, naming the event's {status}.
REFUSALS = {
    EventAction.EDIT: "The event is {status}: it can no longer be changed",
    EventAction.PUBLISH: "The event is {status}, not a draft: it cannot be published again",
    EventAction.CANCEL: "Only a published event can be cancelled; this one is {status}",
    EventAction.COMPLETE: "Only a published event that has ended can be marked completed",
}


def step(event: EventState, action: EventAction, *, now: datetime | None = None) -> Transition:
    """The row for `action` from the event's status; IllegalTransition when the table holds
    none or its guard does not hold at `now`."""
    transition = _BY_MOVE.get((str(event.status), action.value))
    if transition is None or not transition.guard(event, now):
        raise IllegalTransition(REFUSALS[action].format(status=event.status))
    return transition


def rows() -> tuple[Row, ...]:
    """The table in words, for the README: the fact column names the fact and its effect."""
    return tuple(
        (
            t.source.value,
            t.action.value,
            t.target.value,
            " ".join((t.guard.__doc__ or "").split()),
            f"{t.emits.__name__} ({t.effect})" if t.emits else t.effect,
        )
        for t in TABLE
    )

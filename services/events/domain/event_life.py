"""An event's publication life: a draft is published, then cancelled or, once it has ended,
completed. Every status change of an event goes through TABLE (shared/lifecycle.py):
`TABLE.step` finds the move, `TABLE.move` makes it on the event's row; a move the table does
not hold is refused (IllegalTransition, a 409). Each row names the fact it emits."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shared.contracts import EventCancelledV1, EventFact, EventPublishedV1, EventUpdatedV1
from shared.lifecycle import Step, Table, Transition


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
    ATTACH = "attach"  # materials or a recording link, added or removed


INITIAL = EventStatus.DRAFT  # an event is created a draft
# What readers see: the public pages, feeds and lists; a draft stays hidden.
PUBLIC = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.COMPLETED)


@dataclass(frozen=True)
class EventState:
    """What the guards look at: the event's status and when it ends."""

    status: str
    ends_at: datetime


def anytime(event: EventState, now: datetime | None) -> bool:
    """none"""
    return True


def ended(event: EventState, now: datetime | None) -> bool:
    """the event has ended"""
    return now is not None and event.ends_at <= now


# A move of an event: its effect says in words what the use case does besides.
EventStep = Step[EventStatus, EventAction, str, EventFact]

_S, _A, _T = EventStatus, EventAction, Transition
Updated, Cancelled = EventUpdatedV1, EventCancelledV1
TABLE: Table[EventStatus, EventAction, EventState, datetime | None, str, EventFact] = Table(
    "An event's publication life",
    [
        _T((_S.DRAFT,), _A.EDIT, _S.DRAFT, anytime, "nothing: a draft is private"),
        _T((_S.DRAFT,), _A.PUBLISH, _S.PUBLISHED, anytime, "revision 1", EventPublishedV1),
        _T((_S.PUBLISHED,), _A.EDIT, _S.PUBLISHED, anytime, "a revision, if it changed", Updated),
        _T((_S.PUBLISHED,), _A.CANCEL, _S.CANCELLED, anytime, "a revision: CANCEL", Cancelled),
        _T((_S.PUBLISHED,), _A.COMPLETE, _S.COMPLETED, ended, "a revision: completed", Updated),
        _T((_S.DRAFT,), _A.ATTACH, _S.DRAFT, anytime, "nothing: a draft is private"),
        _T((_S.PUBLISHED,), _A.ATTACH, _S.PUBLISHED, anytime, "a quiet revision", Updated),
        _T((_S.COMPLETED,), _A.ATTACH, _S.COMPLETED, anytime, "a quiet revision", Updated),
    ],
    subject="The event",
    # How each action is refused, naming the event's {status}.
    refusal={
        _A.EDIT: "The event is {status}: it can no longer be changed",
        _A.PUBLISH: "The event is {status}, not a draft: it cannot be published again",
        _A.CANCEL: "Only a published event can be cancelled; this one is {status}",
        _A.COMPLETE: "Only a published event that has ended can be marked completed",
        _A.ATTACH: "The event is {status}: materials can no longer be attached",
    },
)

"""Scheduled mail's life: pending until due, then queued (made a delivery) or dropped (no
longer owed); pending again when the plan changes (the event moved, a seat came back).
Every status change of scheduled mail goes through TABLE (shared/lifecycle.py), by `move`; a
conditional UPDATE writes the row it returns, keeping the status it read in its WHERE."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from shared.contracts import Fact
from shared.lifecycle import Table, Transition, seen


class ScheduledStatus(StrEnum):
    PENDING = "pending"
    QUEUED = "queued"
    DROPPED = "dropped"


class ScheduledAction(StrEnum):
    RELEASE = "release"
    DROP = "drop"
    REPLAN = "replan"


INITIAL = ScheduledStatus.PENDING  # a row is planned pending


@dataclass(frozen=True)
class Planned:
    """One scheduled email as the event now stands: its kind, due time and delivery key."""

    kind: str
    due_at: datetime
    key: str


@dataclass(frozen=True)
class Scheduled:
    """A scheduled email as stored: its kind, delivery key, due time and status."""

    kind: str
    key: str
    due_at: datetime
    status: str


Doing = Callable[[Planned | None], dict[str, Any]]


still_owed = seen("still owed when due: seat held, event on, same start, not too late")
not_owed = seen("no longer owed: seat given up, event cancelled, email switched off, too late")


def moved(row: Scheduled, planned: Planned | None) -> bool:
    """planned for another time or under another key"""
    return planned is not None and (planned.key, planned.due_at) != (row.key, row.due_at)


def fresh_key(row: Scheduled, planned: Planned | None) -> bool:
    """planned under another key (the event moved): a fresh email is owed"""
    return planned is not None and planned.key != row.key


def owed_again(row: Scheduled, planned: Planned | None) -> bool:
    """planned again: a seat held again, or the email switched back on"""
    return planned is not None


def repoint(planned: Planned | None) -> dict[str, Any]:
    """key and due time taken from the new plan"""
    assert planned is not None  # every guard of a replan asks for a plan
    return {"key": planned.key, "due_at": planned.due_at}


def make_delivery(planned: Planned | None) -> dict[str, Any]:
    """a delivery is made under its key, in the same transaction"""
    return {}


def nothing(planned: Planned | None) -> dict[str, Any]:
    """none: the row stays, so that planning again owes nothing new"""
    return {}


_S, _A, _T = ScheduledStatus, ScheduledAction, Transition
TABLE: Table[ScheduledStatus, ScheduledAction, Scheduled, Planned | None, Doing, Fact] = Table(
    "Scheduled mail's life",
    [
        _T((_S.PENDING,), _A.RELEASE, _S.QUEUED, still_owed, make_delivery),
        _T((_S.PENDING,), _A.DROP, _S.DROPPED, not_owed, nothing),
        _T((_S.PENDING,), _A.REPLAN, _S.PENDING, moved, repoint),
        _T((_S.QUEUED,), _A.REPLAN, _S.PENDING, fresh_key, repoint),
        _T((_S.DROPPED,), _A.REPLAN, _S.PENDING, owed_again, repoint),
    ],
    subject="The scheduled email",
    refusal="{subject} is {status}: only {origins}",
)


def may(row: Scheduled, action: ScheduledAction, planned: Planned | None = None) -> bool:
    """Whether the table holds `action` from the row's status and its guard holds."""
    return TABLE.allows(row, action, planned)


def move(row: Scheduled, action: ScheduledAction, planned: Planned | None = None) -> Scheduled:
    """The row after `action`; IllegalTransition when the table holds no such move or its
    guard does not hold."""
    step = TABLE.step(row, action, planned, subject=f"The {row.kind} email")
    written: dict[str, Any] = {**step.values(), **step.effect(planned)}
    return replace(row, **written)

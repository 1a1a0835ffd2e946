"""A status as a state machine: one table of transitions (from, action) -> to, each with the
guard that must hold and the effect it has. A move the table does not hold is refused."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from shared.errors import Conflict

S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)
G = TypeVar("G", bound=Callable[..., bool])
E = TypeVar("E", bound=Callable[..., object])

# (from, action, to, guard, effect) in words, as the README shows the table.
Row = tuple[str, str, str, str, str]


class IllegalTransition(Conflict):
    """A status change the table does not hold, or whose guard does not hold now."""


@dataclass(frozen=True)
class Transition(Generic[S, A, G, E]):
    """One row: from `source`, `action` leads to `target` when `guard` holds, doing
    `effect`. Guard and effect say in their docstrings what they mean."""

    source: S
    action: A
    target: S
    guard: G
    effect: E


def seen(meaning: str) -> Callable[[object, object], bool]:
    """A guard the caller checks before it asks (a server's answer, an operator's click,
    whether an email is still owed): it holds whenever asked; `meaning` says what it is."""

    def guard(row: object, context: object) -> bool:
        return True

    guard.__doc__ = meaning
    return guard


def words(function: Callable[..., object]) -> str:
    """What a guard or an effect means, as its docstring says it."""
    return " ".join((function.__doc__ or "").split())


class Table(Generic[S, A, G, E]):
    """The transitions of one kind of row. `refusal` words a refused move; it may name the
    {subject}, its {status}, the {action} and the {sources} the action starts from."""

    def __init__(self, transitions: Sequence[Transition[S, A, G, E]], *, refusal: str) -> None:
        self.transitions = tuple(transitions)
        self.refusal = refusal
        self._by_move = {(t.source.value, t.action.value): t for t in self.transitions}
        if len(self._by_move) != len(self.transitions):
            raise ValueError("one row per (from, action)")

    def get(self, status: str, action: A) -> Transition[S, A, G, E] | None:
        """The row for `action` from `status`, None when the table has none."""
        return self._by_move.get((str(status), action.value))

    def find(self, status: str, action: A, *, subject: str) -> Transition[S, A, G, E]:
        """The row for `action` from `status`; IllegalTransition when there is none."""
        transition = self.get(status, action)
        if transition is None:
            raise self.refused(status, action, subject=subject)
        return transition

    def allows(self, status: str, action: A, *seen: object) -> bool:
        """Whether the table holds `action` from `status` and its guard holds on `seen`."""
        transition = self.get(status, action)
        return transition is not None and transition.guard(*seen)

    def fire(self, status: str, action: A, *seen: object, subject: str) -> Transition[S, A, G, E]:
        """The row for `action` from `status`, its guard checked on `seen`; IllegalTransition
        when the table holds no such move or its guard does not hold."""
        transition = self.find(status, action, subject=subject)
        if not transition.guard(*seen):
            raise self.refused(status, action, subject=subject)
        return transition

    def refused(self, status: str, action: A, *, subject: str) -> IllegalTransition:
        """The refusal of `action` for a row in `status`, in words."""
        sources = " or ".join(self.sources(action)) or "none"
        return IllegalTransition(
            self.refusal.format(subject=subject, status=status, action=action, sources=sources)
        )

    def sources(self, action: A) -> tuple[S, ...]:
        """The statuses `action` may start from: the WHERE of a conditional UPDATE."""
        return tuple(t.source for t in self.transitions if t.action == action)

    def rows(self) -> tuple[Row, ...]:
        """The table in words: (from, action, to, guard, effect)."""
        return tuple(
            (t.source.value, t.action.value, t.target.value, words(t.guard), words(t.effect))
            for t in self.transitions
        )

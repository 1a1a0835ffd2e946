"""A status as a state machine, written once for every service (pretix's order and mail states,
Django-FSM's idea without the library).

A machine is one table of transitions: from one or more statuses (None: the record does not
exist yet), an action leads to a status when a guard holds, doing what its effect says and
publishing its fact, if any. One row per (from, action), checked when the table is built. A
move the table does not hold, or whose guard does not hold, is refused: IllegalTransition, a
409. `Table.move` is the one place a record is given a status; a conditional UPDATE writes
`Step.values()` and keeps the status it read (`Step.origin`, or `Table.origins`) in its WHERE.

Each service declares its machines in `domain/<thing>_life.py`, as the module's TABLE;
`python -m devstack.lifecycles` prints them all, as the README's "Lifecycles" section shows
them. Nothing here imports a framework, so domain modules import it."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from shared.contracts import Fact
from shared.errors import Conflict


class IllegalTransition(Conflict):
    """A status change the table does not hold, or whose guard does not hold now."""


class HasStatus(Protocol):
    """A record as a guard's table reads it (a row, or plain data)."""

    @property
    def status(self) -> str: ...


class Settable(Protocol):
    """A record that `Table.move` gives a new status in place (a row)."""

    status: str


S = TypeVar("S", bound=StrEnum)  # the statuses
A = TypeVar("A", bound=StrEnum)  # the actions
R = TypeVar("R", bound=HasStatus | None)  # the record a guard reads (None: not made yet)
C = TypeVar("C")  # what else a guard reads: the moment, what the use case learned
E = TypeVar("E")  # the effect: words, data, or a function whose docstring says it
F = TypeVar("F", bound=Fact)  # the facts the machine publishes

# (from, action, to, guard, fact or effect) in words, as the README shows the table.
Row = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Transition(Generic[S, A, R, C, E, F]):
    """One row: from any of `origins`, `action` leads to `to` when `guard` holds (its
    docstring says what it means); `effect` is what else the move does, `fact` the fact it
    publishes."""

    origins: tuple[S | None, ...]
    action: A
    to: S
    guard: Callable[[R, C], bool]
    effect: E
    fact: type[F] | None = None


@dataclass(frozen=True)
class Step(Generic[S, A, E, F]):
    """A transition as taken from one status: where the record was, and the row's action,
    target, effect and fact."""

    origin: S | None
    action: A
    to: S
    effect: E
    fact: type[F] | None

    def values(self) -> dict[str, str]:
        """The status an UPDATE (or a copy) writes. The UPDATE's WHERE keeps the status equal
        to `origin`: of two writers racing for one row, only one then makes the move."""
        return {"status": self.to.value}

    def emit(self, **fields: Any) -> F:
        """The fact this move publishes, made of `fields`; ValueError when it publishes none."""
        if self.fact is None:
            raise ValueError(f"{self.action} from {self.origin} publishes no fact")
        return self.fact(**fields)


def seen(meaning: str) -> Callable[[object, object], bool]:
    """A guard the caller checks before it asks (a server's answer, an operator's click,
    whether an email is still owed): it holds whenever asked; `meaning` says what it is."""

    def guard(record: object, context: object) -> bool:
        return True

    guard.__doc__ = meaning
    return guard


def words(said: object) -> str:
    """A guard or an effect in words: a function's docstring, else the thing as text."""
    if said is None:
        return ""
    text = (said.__doc__ or "") if callable(said) else str(said)
    return " ".join(text.split())


class Table(Generic[S, A, R, C, E, F]):
    """The transitions of one kind of record, under a `title`. `refusal` words a refused
    move (one wording, or one per action): it may name the {subject}, its {status}, the
    {action} and the {origins} the action moves from. `new` names the status of a record
    not made yet, in the table and in refusals."""

    def __init__(
        self,
        title: str,
        transitions: Sequence[Transition[S, A, R, C, E, F]],
        *,
        subject: str,
        refusal: str | Mapping[A, str],
        new: str = "new",
    ) -> None:
        self.title, self.subject, self.refusal, self.new = title, subject, refusal, new
        self.transitions = tuple(transitions)
        self.by_move = _index(self.transitions)

    def get(self, status: str | None, action: A) -> Transition[S, A, R, C, E, F] | None:
        """The row for `action` from `status`, None when the table has none."""
        return self.by_move.get((None if status is None else str(status), action.value))

    def step(
        self, record: R, action: A, context: C, *, subject: str | None = None
    ) -> Step[S, A, E, F]:
        """The move `action` makes from where `record` is; IllegalTransition when the table
        holds no such move or its guard does not hold on `record` and `context`."""
        status = _status_of(record)
        transition = self.get(status, action)
        if transition is None or not transition.guard(record, context):
            raise self.refused(status, action, subject=subject)
        origin = next(o for o in transition.origins if o == status)
        return Step(origin, transition.action, transition.to, transition.effect, transition.fact)

    def allows(self, record: R, action: A, context: C) -> bool:
        """Whether `step` would make the move now."""
        transition = self.get(_status_of(record), action)
        return transition is not None and transition.guard(record, context)

    def pick(self, record: R, actions: Iterable[A], context: C) -> Step[S, A, E, F] | None:
        """The first of `actions` allowed now, if any: the guards choose, not the caller."""
        for action in actions:
            if self.allows(record, action, context):
                return self.step(record, action, context)
        return None

    def move(self, record: Settable, step: Step[S, A, E, F]) -> None:
        """Give the record its new status: the one assignment of a status, in every service.
        IllegalTransition when the record is no longer where the step starts from."""
        if step.origin is not None and record.status != step.origin:
            raise self.refused(record.status, step.action)
        record.status = step.to.value

    def start(self, step: Step[S, A, E, F]) -> str:
        """The status a record is made with (`move` for a record not made yet): the step
        must start from no status. IllegalTransition otherwise."""
        if step.origin is not None:
            raise self.refused(self.new, step.action)
        return step.to.value

    def origins(self, action: A) -> tuple[S, ...]:
        """The statuses `action` moves a record from (guards aside), in the table's order:
        the WHERE of a conditional UPDATE."""
        return tuple(
            o for t in self.transitions if t.action == action for o in t.origins if o is not None
        )

    def refused(
        self, status: str | None, action: A, *, subject: str | None = None
    ) -> IllegalTransition:
        """The refusal of `action` for a record in `status`, in words."""
        wording = self.refusal if isinstance(self.refusal, str) else self.refusal[action]
        return IllegalTransition(
            wording.format(
                subject=subject or self.subject,
                status=self.new if status is None else status,
                action=action.value.replace("_", " "),
                origins=" or ".join(self.origins(action)) or "none",
            )
        )

    def rows(self) -> list[Row]:
        """The table in words, a row per transition: from, action, to, guard, fact or effect."""
        return [
            (
                ", ".join(self.new if o is None else o.value for o in t.origins),
                t.action.value,
                t.to.value,
                words(t.guard),
                _fact_or_effect(t),
            )
            for t in self.transitions
        ]

    def markdown(self) -> str:
        """The table in Markdown, as the README shows it."""
        said = "fact" if any(t.fact is not None for t in self.transitions) else "effect"
        lines = [f"| from | action | to | guard | {said} |", "| --- | --- | --- | --- | --- |"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows()]
        return "\n".join(lines)


def _index(
    transitions: Iterable[Transition[S, A, R, C, E, F]],
) -> dict[tuple[str | None, str], Transition[S, A, R, C, E, F]]:
    """The row of each (from, action); a second row for one of them is no table."""
    index: dict[tuple[str | None, str], Transition[S, A, R, C, E, F]] = {}
    for transition in transitions:
        for origin in transition.origins:
            move = (None if origin is None else origin.value, transition.action.value)
            if move in index:
                raise ValueError(f"{move[0]} --{move[1]}--> twice: one row per (from, action)")
            index[move] = transition
    return index


def _status_of(record: HasStatus | None) -> str | None:
    return None if record is None else str(record.status)


def _fact_or_effect(transition: Transition[Any, Any, Any, Any, Any, Any]) -> str:
    effect = words(transition.effect)
    if transition.fact is None:
        return effect
    return f"{transition.fact.__name__} ({effect})" if effect else transition.fact.__name__

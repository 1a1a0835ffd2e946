"""The mechanics every state machine shares (shared/lifecycle.py): one row per (from, action),
a refused move is a 409 saying why, a record moves only from where its step starts, and the
README shows each machine's table exactly as the code renders it."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pytest

from devstack import lifecycles
from shared.contracts import Fact
from shared.lifecycle import IllegalTransition, Table, Transition, seen

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


class Door(StrEnum):
    OPEN = "open"
    SHUT = "shut"
    LOCKED = "locked"


class Push(StrEnum):
    BUILD = "build"
    CLOSE = "close"
    LOCK = "lock"
    OPEN_UP = "open_up"


@dataclass
class Record:
    status: str


def has_key(record: Record | None, key: bool) -> bool:
    """the key is at hand"""
    return key


anyway = seen("—")
T = Transition
DOOR: Table[Door, Push, Record | None, bool, str, Fact] = Table(
    "A door's life",
    [
        T((None,), Push.BUILD, Door.SHUT, anyway, "a frame is set"),
        T((Door.OPEN,), Push.CLOSE, Door.SHUT, anyway, ""),
        T((Door.SHUT,), Push.LOCK, Door.LOCKED, has_key, "the key turns twice"),
        T((Door.SHUT, Door.LOCKED), Push.OPEN_UP, Door.OPEN, has_key, ""),
    ],
    subject="The door",
    refusal="{subject} is {status}: {action} only from {origins}",
    new="not built",
)


def test_a_second_row_for_one_from_and_action_is_refused_when_the_table_is_built():
    twice = [
        T((Door.OPEN,), Push.CLOSE, Door.SHUT, anyway, ""),
        T((Door.SHUT, Door.OPEN), Push.CLOSE, Door.LOCKED, anyway, ""),
    ]

    with pytest.raises(ValueError, match="one row per"):
        Table("twice", twice, subject="it", refusal="no")


def test_a_step_starts_from_where_the_record_is():
    step = DOOR.step(Record("locked"), Push.OPEN_UP, True)

    assert (step.origin, step.to, step.values()) == (Door.LOCKED, Door.OPEN, {"status": "open"})


def test_a_record_not_made_yet_starts_from_none():
    built = Record("")

    DOOR.move(built, DOOR.step(None, Push.BUILD, False))

    assert built.status == "shut"


def test_a_record_made_at_once_gets_the_status_its_first_step_gives():
    assert DOOR.start(DOOR.step(None, Push.BUILD, False)) == "shut"


def test_a_step_from_a_status_cannot_make_a_record():
    step = DOOR.step(Record("shut"), Push.LOCK, True)

    with pytest.raises(IllegalTransition):
        DOOR.start(step)


@pytest.mark.parametrize(
    ("record", "push", "key", "message"),
    [
        (Record("open"), Push.LOCK, True, "The door is open: lock only from shut"),
        (Record("shut"), Push.LOCK, False, "The door is shut: lock only from shut"),
        (None, Push.CLOSE, True, "The door is not built: close only from open"),
    ],
    ids=["not-in-the-table", "guard-does-not-hold", "not-made-yet"],
)
def test_a_refused_move_is_a_conflict_saying_why(record, push, key, message):
    with pytest.raises(IllegalTransition) as refused:
        DOOR.step(record, push, key)

    assert (refused.value.status, refused.value.message) == (409, message)
    assert DOOR.allows(record, push, key) is False


def test_a_record_moved_meanwhile_is_not_moved_again():
    step = DOOR.step(Record("shut"), Push.LOCK, True)
    meanwhile_opened = Record("open")

    with pytest.raises(IllegalTransition):
        DOOR.move(meanwhile_opened, step)

    assert meanwhile_opened.status == "open"


def test_the_guards_pick_the_first_move_allowed():
    picked = DOOR.pick(Record("shut"), (Push.CLOSE, Push.LOCK, Push.OPEN_UP), True)

    assert picked is not None and picked.action is Push.LOCK
    assert DOOR.pick(Record("shut"), (Push.LOCK, Push.OPEN_UP), False) is None


def test_the_origins_of_an_action_are_the_where_of_its_update():
    assert DOOR.origins(Push.OPEN_UP) == (Door.SHUT, Door.LOCKED)
    assert DOOR.origins(Push.BUILD) == ()


def test_a_move_that_publishes_no_fact_cannot_emit_one():
    with pytest.raises(ValueError):
        DOOR.step(Record("open"), Push.CLOSE, False).emit()


def test_the_markdown_names_guards_and_effects_in_words():
    assert DOOR.markdown().splitlines() == [
        "| from | action | to | guard | effect |",
        "| --- | --- | --- | --- | --- |",
        "| not built | build | shut | — | a frame is set |",
        "| open | close | shut | — |  |",
        "| shut | lock | locked | the key is at hand | the key turns twice |",
        "| shut, locked | open_up | open | the key is at hand |  |",
    ]


def test_the_readme_shows_every_table_as_the_code_renders_it():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Lifecycles\n", 1)[1].split("\n## ", 1)[0]

    shown = section[section.index("### ") :].strip()

    assert shown == lifecycles.section()

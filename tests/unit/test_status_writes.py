"""Every status change of a delivery, a scheduled mail, an event and a participant goes
through its state machine: outside the machines' modules, no code of the notifications and
events services assigns a `.status` or writes a status in an UPDATE's values."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("services/notifications", "services/events")
MACHINES = {
    "services/notifications/domain/delivery_life.py",
    "services/notifications/domain/scheduled_life.py",
    "services/notifications/domain/transitions.py",
    "services/events/domain/event_life.py",
}
# Calls that write columns or fields: UPDATE values, a row updated from a dict, a copy.
WRITERS = {"values", "sqlmodel_update", "model_copy", "replace"}


def status_writes(source: str) -> list[int]:
    """The lines of `source` that set a status: `x.status = ...` (alone or in a tuple),
    `setattr(x, "status", ...)`, or a status given to one of WRITERS."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_names_status(target) for target in targets):
                found.append(node.lineno)
        elif isinstance(node, ast.Call) and (_writes_status(node) or _setattr_status(node)):
            found.append(node.lineno)
    return found


def _names_status(target: ast.expr) -> bool:
    if isinstance(target, ast.Tuple | ast.List):
        return any(_names_status(element) for element in target.elts)
    return isinstance(target, ast.Attribute) and target.attr == "status"


def _writes_status(call: ast.Call) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name not in WRITERS:
        return False
    given = [keyword.arg for keyword in call.keywords]
    dicts = [node for node in ast.walk(call) if isinstance(node, ast.Dict)]
    keys = [key.value for d in dicts for key in d.keys if isinstance(key, ast.Constant)]
    return "status" in given or "status" in keys


def _setattr_status(call: ast.Call) -> bool:
    named = [arg.value for arg in call.args[1:2] if isinstance(arg, ast.Constant)]
    return isinstance(call.func, ast.Name) and call.func.id == "setattr" and named == ["status"]


def service_modules() -> list[Path]:
    return sorted(
        path
        for service in SERVICES
        for path in (ROOT / service).rglob("*.py")
        if "migrations" not in path.parts
    )


@pytest.mark.parametrize(
    "source",
    [
        'event.status = "cancelled"',
        'event.status, event.revision = "published", 1',
        'setattr(row, "status", "queued")',
        'update(Delivery).values(status="dropped", last_error="no longer owed")',
        'update(Delivery).values({"status": "sent"})',
        'row.sqlmodel_update({"status": "pending", "key": key})',
        'before.model_copy(update={"status": status})',
    ],
)
def test_status_writes_are_found(source):
    assert status_writes(source) == [1]


def test_status_reads_and_constructors_are_not_writes():
    source = 'if event.status == "draft":\n    row = Delivery(status="queued")\n'

    assert status_writes(source) == []


def test_no_status_is_written_outside_the_state_machines():
    writes = {
        str(path.relative_to(ROOT)): lines
        for path in service_modules()
        if str(path.relative_to(ROOT)) not in MACHINES
        and (lines := status_writes(path.read_text()))
    }

    assert writes == {}

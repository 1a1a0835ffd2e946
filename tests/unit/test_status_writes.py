"""Every status change of a registration, a delivery, a scheduled mail and an event goes
through its state machine: outside the machines' modules (`domain/*_life.py`) and the
mechanics they share (shared/lifecycle.py), no code of the three services assigns a `.status`,
sets it with setattr, or writes a status into an UPDATE's values, a row or a copy."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("services/registrations", "services/notifications", "services/events")
# Calls that write columns or fields: UPDATE values, a row updated from a dict, a copy, and a
# registration made (its status comes from the machine: `TABLE.start(step)`, or its move).
WRITERS = {"values", "sqlmodel_update", "model_copy", "replace", "Registration", "model_construct"}


def status_writes(source: str) -> list[int]:
    """The lines of `source` that set a status: `x.status = ...` (alone or in a tuple),
    `setattr(x, "status", ...)`, a status given to one of WRITERS, or a status written out
    ("confirmed", Status.CONFIRMED) as `status=` or `"status":` anywhere (a dictionary made
    ready for an UPDATE)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_names_status(target) for target in targets):
                found.append(node.lineno)
        elif isinstance(node, ast.Call) and (_writes_status(node) or _setattr_status(node)):
            found.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg == "status" and _literal(node.value):
            found.append(node.value.lineno)
        elif isinstance(node, ast.Dict):
            pairs = zip(node.keys, node.values, strict=True)
            found += [v.lineno for k, v in pairs if _is_status_key(k) and _literal(v)]
    return sorted(set(found))


def _names_status(target: ast.expr) -> bool:
    if isinstance(target, ast.Tuple | ast.List):
        return any(_names_status(element) for element in target.elts)
    return isinstance(target, ast.Attribute) and target.attr == "status"


def _writes_status(call: ast.Call) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name not in WRITERS:
        return False
    given = [keyword.arg for keyword in call.keywords if not _machine_start(keyword.value)]
    dicts = [node for node in ast.walk(call) if isinstance(node, ast.Dict)]
    return "status" in given or any(_is_status_key(key) for d in dicts for key in d.keys)


def _machine_start(value: ast.expr) -> bool:
    """The status a record is made with, as its machine gives it: `TABLE.start(step)`."""
    called = value.func if isinstance(value, ast.Call) else None
    return isinstance(called, ast.Attribute) and called.attr == "start"


def _setattr_status(call: ast.Call) -> bool:
    named = [arg.value for arg in call.args[1:2] if isinstance(arg, ast.Constant)]
    return isinstance(call.func, ast.Name) and call.func.id == "setattr" and named == ["status"]


def _is_status_key(key: ast.expr | None) -> bool:
    return isinstance(key, ast.Constant) and key.value == "status"


def _literal(value: ast.expr) -> bool:
    """A status written out: "confirmed", or Status.CONFIRMED."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    return isinstance(value, ast.Attribute) and getattr(value.value, "id", "") == "Status"


def is_machine(path: Path) -> bool:
    return path.parent.name == "domain" and path.name.endswith("_life.py")


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
        "registration.status, registration.cancelled_at = 'cancelled', now",
        'setattr(row, "status", "queued")',
        'update(Delivery).values(status="dropped", last_error="no longer owed")',
        'update(Delivery).values({"status": "sent"})',
        "update(Registration).values({'status': 'offered', 'offers': 2})",
        'row.sqlmodel_update({"status": "pending", "key": key})',
        'before.model_copy(update={"status": status})',
        "replace(row, status=status)",
        "Registration(event_id=e, status=status)",
        "Registration.model_construct(event_id=e, status=Status.PENDING.value)",
        "values = {'status': Status.OFFERED, 'offers': Registration.offers + 1}",
        "update(Registration).values(state='confirmed', status='confirmed')",
    ],
)
def test_status_writes_are_found(source):
    assert status_writes(source) == [1]


def test_status_reads_and_other_constructors_are_not_writes():
    source = "\n".join(
        [
            'if event.status == "draft":',
            "    row = Delivery(status=status)",
            "made = Registration.model_construct(status=registration_life.TABLE.start(step))",
            "fact(RegistrationConfirmationRequestedV1, status=registration.status)",
            "query.where(Registration.status == filters.status)",
        ]
    )

    assert status_writes(source) == []


def test_no_status_is_written_outside_the_state_machines():
    paths = service_modules()

    writes = {
        str(path.relative_to(ROOT)): lines
        for path in paths
        if not is_machine(path) and (lines := status_writes(path.read_text()))
    }

    assert len(paths) > 100
    assert writes == {}


def test_each_service_declares_its_machines_where_the_check_expects_them():
    machines = sorted(str(path.relative_to(ROOT)) for path in service_modules() if is_machine(path))

    assert machines == [
        "services/events/domain/event_life.py",
        "services/events/domain/webhook_life.py",
        "services/notifications/domain/delivery_life.py",
        "services/notifications/domain/scheduled_life.py",
        "services/registrations/domain/registration_life.py",
    ]

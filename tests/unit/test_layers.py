"""Layers point one way: contracts -> domain -> usecases (storage beside) -> web and workers
-> main. Checked on the import statements, and, for the domain, on what importing a module
really loads in a fresh interpreter (an import of an import counts too)."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("events", "registrations", "notifications")
# What a domain module must never bring along, however indirectly.
FRAMEWORKS = ("fastapi", "starlette", "sqlalchemy", "sqlmodel", "nats", "aiosmtplib", "httpx")
# Per room, the rooms of the same service it must not import.
OUTER = {
    "domain": ("usecases", "storage", "web", "workers", "formats", "main", "context"),
    "storage": ("usecases", "web", "workers", "main", "context"),
    "usecases": ("web", "workers", "main", "context"),
    "formats": ("usecases", "storage", "web", "workers", "main", "context"),
    "web": ("workers", "main"),
    "workers": ("web", "main"),
}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def offending(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in imports(path)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def room_files(room: str) -> list[Path]:
    return sorted(
        path
        for service in SERVICES
        for path in (ROOT / "services" / service / room).rglob("*.py")
        if "migrations" not in path.parts
    )


def loaded_by(module: str) -> list[str]:
    """The top-level packages a fresh interpreter holds after importing `module`."""
    probe = (
        f"import importlib, json, sys; importlib.import_module({module!r}); "
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return list(json.loads(out.stdout))


@pytest.mark.parametrize("path", room_files("domain"), ids=lambda p: str(p.relative_to(ROOT)))
def test_importing_a_domain_module_loads_no_framework(path):
    loaded = loaded_by(module_name(path))

    assert sorted(set(loaded) & set(FRAMEWORKS)) == []


@pytest.mark.parametrize(
    "path",
    [path for room in OUTER for path in room_files(room)],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_a_room_imports_no_outer_room(path):
    service, room = path.relative_to(ROOT / "services").parts[:2]
    outer = tuple(f"services.{service}.{name}" for name in OUTER[room])

    assert offending(path, outer) == []


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "services").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_service_imports_another(path):
    own = path.relative_to(ROOT / "services").parts[0]
    others = tuple(f"services.{name}" for name in SERVICES if name != own)

    assert offending(path, others) == []


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("shared/**/*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_shared_module_imports_no_service(path):
    assert offending(path, ("services", "devstack")) == []


def test_the_services_have_the_same_rooms():
    rooms = {
        service: sorted(
            entry.name
            for entry in (ROOT / "services" / service).iterdir()
            if entry.name != "__pycache__"
        )
        for service in SERVICES
    }

    assert rooms["registrations"] == rooms["events"] == rooms["notifications"]


def test_no_module_is_over_300_lines():
    long = [
        f"{path.relative_to(ROOT)}: {n}"
        for folder in ("services", "shared")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (n := len(path.read_text().splitlines())) > 300
    ]

    assert long == []

"""Layers point one way: domain code knows no web, bus, mail or use cases."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_FORBIDDEN = (
    "fastapi",
    "starlette",
    "nats",
    "aiosmtplib",
    "httpx",
    "shared.bus",
    "shared.web",
    "shared.outbox",
)
UPPER_LAYERS = ("usecases", "web.routes", "workers", "main")


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


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("services/*/domain/*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_domain_module_imports_no_outer_layer(path):
    service = path.parts[-3]
    upper = tuple(f"services.{service}.{layer}" for layer in UPPER_LAYERS)

    assert offending(path, DOMAIN_FORBIDDEN + upper) == []


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("shared/**/*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_shared_module_imports_no_service(path):
    assert offending(path, ("services", "devstack")) == []

"""The domains of notifications and events work on plain data: importing any of their
modules, in a fresh interpreter, loads no web framework, database, bus or mail library."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("sqlalchemy", "sqlmodel", "fastapi", "starlette", "nats", "aiosmtplib", "httpx")
# Imports each module in turn and names, for each, the forbidden packages it brought in.
PROBE = """
import importlib, json, sys
forbidden = set(sys.argv[1].split(","))
loaded = {}
for module in sys.argv[2:]:
    before = set(sys.modules)
    importlib.import_module(module)
    new = {name.split(".")[0] for name in set(sys.modules) - before}
    loaded[module] = sorted(new & forbidden)
print(json.dumps(loaded))
"""


def domain_modules(service: str) -> list[str]:
    folder = ROOT / "services" / service / "domain"
    return [f"services.{service}.domain.{path.stem}" for path in sorted(folder.glob("*.py"))]


@pytest.mark.parametrize("service", ["notifications", "events"])
def test_domain_modules_load_no_outer_library(service):
    modules = domain_modules(service)

    probed = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(FORBIDDEN), *modules],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )

    loaded = json.loads(probed.stdout)
    assert {module: found for module, found in loaded.items() if found} == {}

"""What the deploy tests read: the repository's deploy files and the test venv's tools."""

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SERVICES = ("events", "registrations", "notifications")


def venv_tool(name: str) -> Path:
    """A command installed next to the running Python (.venv/bin when run by ./dev test)."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        pytest.fail(f"{name} is not next to {sys.executable}: ./dev test installs it (.[test])")
    return path


def yaml_documents(path: Path) -> list[dict[str, Any]]:
    """Every non-empty document of a YAML file."""
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def yaml_file(path: Path) -> dict[str, Any]:
    (document,) = yaml_documents(path)
    return document

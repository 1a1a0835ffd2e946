"""deploy/Dockerfile as a reviewer reads it: clean for hadolint, multi-stage with Bootstrap
Italia built in, running as uid 10001, healthy on /healthz."""

import re
import subprocess

import pytest

from tests.deploy.files import REPO, venv_tool

pytestmark = pytest.mark.unit

DOCKERFILE = REPO / "deploy/Dockerfile"


@pytest.fixture(scope="module")
def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments left out."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines()]
    found = [line.split(maxsplit=1) for line in lines if line and not line.startswith("#")]
    return [(words[0].upper(), words[1] if len(words) > 1 else "") for words in found]


def test_dockerfile_lints_clean_with_hadolint() -> None:
    result = subprocess.run(
        [venv_tool("hadolint"), "--no-color", "--failure-threshold", "style", DOCKERFILE],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_dockerfile_ignores_hadolint_rules_only_with_a_reason() -> None:
    lines = DOCKERFILE.read_text().splitlines()
    ignores = [number for number, line in enumerate(lines) if "hadolint ignore=" in line]

    unexplained = [lines[number] for number in ignores if not _is_reason(lines[number - 1])]

    assert unexplained == []


def _is_reason(line: str) -> bool:
    """A comment of its own, not another directive."""
    return line.startswith("#") and "hadolint" not in line and bool(line.strip("# "))


def test_dockerfile_builds_bootstrap_italia_in_its_own_stage(
    instructions: list[tuple[str, str]],
) -> None:
    stages = [arguments for instruction, arguments in instructions if instruction == "FROM"]
    copies = [arguments for instruction, arguments in instructions if instruction == "COPY"]

    assert stages[0].endswith(" AS assets")
    assert len(stages) == 2
    assert (
        "--from=assets /build/node_modules/bootstrap-italia/dist "
        "./node_modules/bootstrap-italia/dist"
    ) in copies
    assert "ASSETS_DIR=/app/node_modules/bootstrap-italia/dist" in dict(instructions)["ENV"]


def test_dockerfile_runs_as_uid_10001(instructions: list[tuple[str, str]]) -> None:
    users = [arguments for instruction, arguments in instructions if instruction == "USER"]

    assert users[-1] == "10001:10001"


def test_dockerfile_healthcheck_asks_healthz_on_the_service_port(
    instructions: list[tuple[str, str]],
) -> None:
    healthchecks = [
        arguments for instruction, arguments in instructions if instruction == "HEALTHCHECK"
    ]

    assert len(healthchecks) == 1
    assert "/healthz" in healthchecks[0]
    assert "os.environ.get('PORT', '8000')" in healthchecks[0]
    assert ("EXPOSE", "8000") in instructions

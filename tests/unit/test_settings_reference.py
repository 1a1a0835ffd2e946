"""docs/settings.md is every setting as the settings classes say today, no setting goes
without a meaning, and no code reads the environment behind the settings classes' back."""

import re
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings

from devstack.settings_reference import COMMAND, SECTIONS, meaning, reference

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "docs" / "settings.md"
READS_ENVIRONMENT = re.compile(r"os\.environ|getenv")
# Environment read by code, not by a settings class, and why it is not a setting.
NOT_SETTINGS = {
    "shared/web/server.py": "PROMETHEUS_MULTIPROC_DIR, set for prometheus-client's workers",
    "shared/web/metrics.py": "PROMETHEUS_MULTIPROC_DIR, whether the workers share counts",
    "devstack/processes.py": "hands its own environment on to the processes it starts",
    "shared/migration_process.py": "hands the database URL to the migration child, not argv",
    "shared/migrations.py": "the migration child reads that URL",
}


def test_the_settings_reference_is_current():
    written = DOCUMENT.read_text(encoding="utf-8")

    assert written == reference(), f"docs/settings.md is out of date: run `{COMMAND}`"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.title)
def test_every_setting_says_what_it_means(section):
    settings: type[BaseSettings] = section.settings

    missing = [name for name in settings.model_fields if not _has_meaning(settings, name)]

    assert missing == []


def _has_meaning(settings: type[BaseSettings], name: str) -> bool:
    try:
        return bool(meaning(settings, name))
    except ValueError:
        return False


def test_no_code_reads_the_environment_outside_the_settings_classes():
    readers = [
        str(path.relative_to(ROOT))
        for folder in ("shared", "services", "devstack")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if READS_ENVIRONMENT.search(path.read_text(encoding="utf-8"))
    ]

    assert sorted(readers) == sorted(NOT_SETTINGS)

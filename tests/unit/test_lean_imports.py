"""A service process holds only what its requests need: libraries used by one rare request
(an Excel export, a calendar file, a ticket's QR code) or by start-up alone (Alembic, with
Mako and Pygments) are not loaded by building the app."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.unit

NEVER_AT_START = {
    "events": ("alembic", "mako", "pygments", "openpyxl", "icalendar", "websockets"),
    "registrations": ("alembic", "mako", "pygments", "openpyxl", "icalendar", "segno"),
    "notifications": ("alembic", "mako", "pygments", "openpyxl"),
}


@pytest.mark.parametrize("service", sorted(NEVER_AT_START))
def test_building_a_service_app_loads_none_of_the_rare_libraries(service):
    probe = (
        "import sys\n"
        f"from services.{service}.main import create_app\n"
        "create_app()\n"
        f"print(' '.join(m for m in {NEVER_AT_START[service]!r} if m in sys.modules))\n"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()

    assert loaded == []

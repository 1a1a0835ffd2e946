"""A service process holds only what its requests need: libraries used by one rare request
(an Excel export, a calendar file, a ticket's QR code, a schedule export, a certificate's PDF),
by start-up alone (Alembic, with Mako and Pygments) or by the other database (PostgreSQL's
dialect on SQLite) are not loaded by building the app, and writing dates loads none of Babel's
locale data."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.unit

RARE = (
    "alembic",
    "mako",
    "pygments",
    "openpyxl",
    "sqlalchemy.dialects.postgresql",
    "babel",
    "fpdf",
)
NEVER_AT_START = {
    "events": (*RARE, "icalendar", "websockets", "xml.etree.ElementTree"),
    "registrations": (*RARE, "icalendar", "segno"),
    "notifications": RARE,
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


CALENDAR_FILES = {
    "events": "from services.events.formats.calendar import feed_ics, public_ics\n"
    "public_ics(snapshot, domain='d.it', now=now)\n"
    "feed_ics([snapshot], name='Feed', domain='d.it', now=now)\n",
    "registrations": "from services.registrations.web.routes import manage_calendar\n"
    "manage_calendar.publish_calendar([])\n",
}


@pytest.mark.parametrize("service", sorted(CALENDAR_FILES))
def test_writing_public_calendar_files_loads_no_icalendar_nor_dateutil(service):
    probe = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        f"from services.{service}.main import create_app\n"
        "from tests.unit.conftest import _snapshot\n"
        "create_app()\n"
        "snapshot, now = _snapshot(), datetime.now(UTC)\n"
        f"{CALENDAR_FILES[service]}"
        "print(' '.join(m for m in ('icalendar', 'dateutil') if m in sys.modules))\n"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()

    assert loaded == []


def test_writing_dates_in_italian_and_english_loads_no_babel_locale_data():
    probe = (
        "from datetime import UTC, datetime\n"
        "from babel import localedata\n"
        "from shared.web.timefmt import TIME_FILTERS\n"
        "moment = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)\n"
        "for lang in ('it', 'en'):\n"
        "    TIME_FILTERS['long_date'](moment, 'Europe/Rome', lang)\n"
        "    TIME_FILTERS['day_and_clock'](moment, 'Europe/Rome', lang)\n"
        "print(' '.join(localedata._cache))\n"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()

    assert loaded == []


UVICORN_EXTRAS = ("click", "watchfiles", "multiprocessing")
# A factory whose app, at start-up, names the extras loaded by then and refuses to start.
PROBE_APP = """
import sys
from contextlib import asynccontextmanager
from starlette.applications import Starlette

@asynccontextmanager
async def lifespan(app):
    print("loaded:", *[m for m in {extras!r} if m in sys.modules], flush=True)
    raise RuntimeError("probe: stop here")
    yield

def create_app():
    return Starlette(lifespan=lifespan)
"""


def test_one_process_serves_without_uvicorns_command_line_reloader_or_workers(tmp_path):
    (tmp_path / "probe_app.py").write_text(PROBE_APP.format(extras=UVICORN_EXTRAS))
    serve = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from shared.web.server import serve_one_process\n"
        "serve_one_process('probe_app:create_app', "
        "{'factory': True, 'host': '127.0.0.1', 'port': 0, 'ws': 'none', 'log_level': 'error'})\n"
    )

    ran = subprocess.run([sys.executable, "-c", serve], capture_output=True, text=True)

    assert (ran.returncode, ran.stdout.split()) == (3, ["loaded:"]), ran.stderr


@pytest.mark.parametrize("service", sorted(NEVER_AT_START))
def test_every_route_is_served_as_built_not_built_again_at_its_first_request(service):
    probe = (
        "from starlette.routing import Mount, Route\n"
        f"from services.{service}.main import create_app\n"
        "app = create_app()\n"
        "print(' '.join(repr(r) for r in app.router.routes if not isinstance(r, Route | Mount)))\n"
    )

    included = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()

    assert included == []


def test_a_router_that_includes_another_is_refused():
    from fastapi import APIRouter, FastAPI

    from shared.web.app import add_routes

    outer, inner = APIRouter(), APIRouter()
    inner.add_api_route("/inner", lambda: None)
    outer.include_router(inner)

    with pytest.raises(TypeError):
        add_routes(FastAPI(), outer)

"""A migrated registrations database, on SQLite and (when TEST_DATABASE_URL is set) on
PostgreSQL, for the storage tests of the seat rules."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.registrations.usecases.facts import Links
from shared.contracts import EventSnapshotV1, VenueV1
from shared.contracts.events import OrganizationV1
from shared.db import create_engine, session_factory
from tests.support.databases import migrated_database

MIGRATIONS = Path(__file__).parents[2] / "services" / "registrations" / "storage" / "migrations"
LINKS = Links(base_url="http://localhost:8002", secret="test-secret")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    with migrated_database(request.param, tmp_path, MIGRATIONS) as url:
        yield url


@pytest.fixture
async def sessions(database_url):
    # PostgreSQL gets a real pool, so concurrent use cases really overlap there.
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()


def snapshot(*, capacity: int, days_ahead: float = 10, **changes) -> EventSnapshotV1:
    """The welfare convegno, `days_ahead` from now, with `capacity` seats."""
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days_ahead)
    values = {
        "id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "slug": "welfare-area-omogenea-cremasca",
        "revision": 1,
        "calendar_sequence": 0,
        "status": "published",
        "title": "Coordinare le politiche sociali all'interno dell'Area Omogenea",
        "organizer": OrganizationV1(slug="area-omogenea-cremasca", name="Area Omogenea Cremasca"),
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=4),
        "venue": VenueV1(name="Sala Pietro da Cemmo", city="Crema"),
        "capacity": capacity,
        "page_url": "http://localhost:8001/events/welfare-area-omogenea-cremasca",
        **changes,
    }
    return EventSnapshotV1(**values)

"""An empty database for each test, on SQLite and (when TEST_DATABASE_URL is set) on
PostgreSQL: nothing in it, not even Alembic's version table."""

import pytest

from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
        return
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
    with fresh_postgres_database() as url:
        yield url

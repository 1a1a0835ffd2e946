"""Fixtures of the end-to-end tests."""

import pytest

from tests.support.databases import TEST_DATABASE_URL, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """An empty database for a service (it migrates it when it starts)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
        return
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def registrations_database(empty_database):
    return empty_database

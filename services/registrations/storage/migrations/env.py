"""Alembic environment of the registrations service."""

from services.registrations.storage.tables import METADATA
from shared.migrations import run_env

run_env(METADATA)

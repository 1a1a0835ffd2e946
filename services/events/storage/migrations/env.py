"""Alembic environment of the events service."""

from services.events.storage.tables import METADATA
from shared.migrations import run_env

run_env(METADATA)

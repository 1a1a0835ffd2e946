"""Alembic environment of the notifications service."""

from services.notifications.storage.tables import METADATA
from shared.migrations import run_env

run_env(METADATA)

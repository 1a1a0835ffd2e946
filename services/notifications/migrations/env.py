"""Alembic environment of the notifications service."""

from services.notifications.models import METADATA
from shared.migrations import run_env

run_env(METADATA)

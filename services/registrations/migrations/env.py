"""Alembic environment of the registrations service."""

from services.registrations.models import METADATA
from shared.migrations import run_env

run_env(METADATA)

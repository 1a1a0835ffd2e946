"""The organizer console: server-rendered pages behind a login, for people, not programs."""

from fastapi import APIRouter

router = APIRouter(prefix="/console", include_in_schema=False)

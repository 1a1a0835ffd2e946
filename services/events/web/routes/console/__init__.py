"""The organizer console: server-rendered pages behind a login, for people, not programs."""

from fastapi import APIRouter

from services.events.web.routes.console import (
    announcing,
    audit,
    colleagues,
    directory,
    events,
    handover,
    invitations,
    legal,
    lifecycle,
    login,
    programme,
    tokens,
)

router = APIRouter(prefix="/console", include_in_schema=False)
# The login routes first: "/console/login" must not be read as an organization's address.
for part in (
    login,
    invitations,
    events,
    lifecycle,
    announcing,
    programme,
    directory,
    tokens,
    colleagues,
    audit,
    legal,
    handover,
):
    router.include_router(part.router)

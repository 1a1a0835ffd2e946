"""The organizer console: server-rendered pages behind a login, for people, not programs."""

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
    materials,
    programme,
    programme_import,
    tokens,
    tracks,
    webhooks,
)

# The login routes first: "/console/login" must not be read as an organization's address.
ROUTERS = tuple(
    part.router
    for part in (
        login,
        invitations,
        events,
        lifecycle,
        announcing,
        programme_import,
        programme,
        materials,
        tracks,
        directory,
        tokens,
        colleagues,
        audit,
        webhooks,
        legal,
        handover,
    )
)

"""The hop from the console to the pages the registrations service keeps (an event's
registrations and check-in, the organization's dashboard and privacy notice): a redirect
carrying a short-lived pass signed with the secret both services share, which the
registrations service turns into its own cookie. No second login."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from fastapi.responses import RedirectResponse, Response

from services.events.web.routes.console.session import RegistrationsDep, Workspace, console_router
from shared.auth import make_pass

PASS_MINUTES = 5
router = console_router()


def hand_over(ws: Workspace, target: str) -> Response:
    """A redirect to `target` (a path on the registrations service) with this person's pass."""
    claims = {
        "org": ws.principal.organization_slug,
        "role": ws.principal.role,
        "actor": ws.principal.actor,
    }
    key = ws.settings.secret_key.get_secret_value()
    expires = datetime.now(UTC) + timedelta(minutes=PASS_MINUTES)
    query = urlencode({"pass": make_pass(claims, key=key, expires_at=expires), "next": target})
    # Behind one origin (the proxy) the pages are on this site: a relative address.
    origin = ws.settings.registrations_public_url.rstrip("/")
    if origin == ws.settings.events_public_url.rstrip("/"):
        origin = ""
    return RedirectResponse(f"{origin}/organizer/enter?{query}", status_code=303)


@router.get("/{org}/dashboard")
async def dashboard(ws: RegistrationsDep) -> Response:
    """On to the organization's dashboard: every event's registrations as charts."""
    return hand_over(ws, "/organizer/dashboard")

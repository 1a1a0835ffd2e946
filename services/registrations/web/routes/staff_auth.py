"""Who may see and act on an event's registrations: its organization's people.

Two ways in, neither asking the events service: an API token (its hash is copied here from
the EVENTS stream), or a pass signed by the events console, turned into a cookie here.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import CtxDep
from services.registrations.storage.tables import EventCopy, OrganizerToken
from services.registrations.usecases.event_copy import find_event
from shared.auth import PassInvalid, make_pass, read_pass, token_hash
from shared.errors import Forbidden, NotFound, Unauthorized
from shared.web.deps import SessionDep

COOKIE = "convegni_staff"
COOKIE_HOURS = 12
ROLES = ("viewer", "editor", "owner")


@dataclass(frozen=True)
class Staff:
    organization_slug: str
    role: str
    actor: str

    def require(self, role: str) -> None:
        if ROLES.index(self.role) < ROLES.index(role):
            raise Forbidden(f"This needs the {role} role; you are {self.role}")


def secret(ctx: CtxDep) -> str:
    return ctx.settings.secret_key.get_secret_value()


def cookie_value(claims: dict[str, str], key: str) -> str:
    return make_pass(claims, key=key, expires_at=datetime.now(UTC) + timedelta(hours=COOKIE_HOURS))


async def _from_token(session: AsyncSession, authorization: str) -> Staff:
    scheme, _, token = authorization.partition(" ")
    found = await session.get(OrganizerToken, token_hash(token.strip()))
    if scheme.lower() != "bearer" or found is None or found.revoked:
        raise Unauthorized("API token unknown or revoked")
    return Staff(found.organization_slug, found.role, f"token:{found.token_hash[:8]}")


def _from_cookie(value: str, key: str) -> Staff:
    try:
        claims = read_pass(value, key=key, now=datetime.now(UTC))
    except PassInvalid as exc:
        raise Unauthorized("Please open this page from the organizer console again") from exc
    return Staff(claims["org"], claims["role"], claims["actor"])


async def current_staff(
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    authorization: Annotated[str | None, Header()] = None,
) -> Staff:
    """The organizer behind this request, by token or by console cookie."""
    if authorization:
        return await _from_token(session, authorization)
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        raise Unauthorized("Send your API token, or open this page from the organizer console")
    return _from_cookie(cookie, secret(ctx))


StaffDep = Annotated[Staff, Depends(current_staff)]


async def staff_event(session: AsyncSession, staff: Staff, slug: str) -> EventCopy:
    """One of the staff's organization's events; another organization's is not found."""
    event = await find_event(session=session, slug=slug)
    if event.organization_slug != staff.organization_slug:
        raise NotFound("No conference of your organization at this address")
    return event

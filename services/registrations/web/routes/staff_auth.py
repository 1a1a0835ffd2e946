"""Who may see and act on an event's registrations: its organization's people.

Two ways in, neither asking the events service: an API token (its hash is copied here from
the EVENTS stream), or a pass signed by the events console, turned into a cookie here.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import CtxDep
from services.registrations.storage.tables import EventCopy, OrganizerToken, StaffMember
from services.registrations.usecases.event_copy import find_event
from shared.auth import PassInvalid, make_pass, read_pass, token_hash
from shared.errors import Forbidden, NotFound, Unauthorized
from shared.web.deps import SessionDep

COOKIE = "convegni_staff"
COOKIE_HOURS = 12
ROLES = ("owner", "editor", "door", "viewer")


class Act(StrEnum):
    READ = "read"  # the registrations, their summary and exports, the form, the notices
    EDIT = "edit"  # decide, erase, change the form or a privacy notice
    CHECK_IN = "check_in"  # the check-in page and API: door staff may do this and only this


# Not a ladder: door staff checks people in and reads nothing else, less than a viewer.
MAY: dict[Act, frozenset[str]] = {
    Act.READ: frozenset({"owner", "editor", "viewer"}),
    Act.EDIT: frozenset({"owner", "editor"}),
    Act.CHECK_IN: frozenset({"owner", "editor", "door", "viewer"}),
}


class RoleRefused(Forbidden):
    """This role may not do this; the page says so in the reader's language."""

    def __init__(self, role: str) -> None:
        super().__init__(f"Your role ({role}) does not allow this")
        self.role = role


@dataclass(frozen=True)
class Staff:
    organization_slug: str
    role: str
    actor: str

    def may(self, action: Act) -> bool:
        return self.role in MAY[action]

    def require(self, action: Act) -> None:
        if not self.may(action):
            raise RoleRefused(self.role)


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


async def _from_cookie(session: AsyncSession, value: str, key: str) -> Staff:
    """The cookie's person with their role as the events service last said it: removed, they
    are refused; given another role, it counts now. A person no membership fact has named yet
    (a member from before these facts) keeps the role the console's pass gave."""
    try:
        claims = read_pass(value, key=key, now=datetime.now(UTC))
    except PassInvalid as exc:
        raise Unauthorized("Please open this page from the organizer console again") from exc
    member = await session.get(StaffMember, (claims["org"], claims["actor"]))
    if member is None:
        return Staff(claims["org"], claims["role"], claims["actor"])
    if member.role is None:
        raise Unauthorized("You are no longer a member of this organization")
    return Staff(claims["org"], member.role, claims["actor"])


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
    return await _from_cookie(session, cookie, secret(ctx))


async def reading_staff(staff: Annotated[Staff, Depends(current_staff)]) -> Staff:
    """Staff who may read registrations: door staff is refused here, before anything."""
    staff.require(Act.READ)
    return staff


async def door_staff(staff: Annotated[Staff, Depends(current_staff)]) -> Staff:
    staff.require(Act.CHECK_IN)
    return staff


StaffDep = Annotated[Staff, Depends(reading_staff)]
DoorStaffDep = Annotated[Staff, Depends(door_staff)]


async def staff_event(session: AsyncSession, staff: Staff, slug: str) -> EventCopy:
    """One of the staff's organization's events; another organization's is not found."""
    event = await find_event(session=session, slug=slug)
    if event.organization_slug != staff.organization_slug:
        raise NotFound("No conference of your organization at this address")
    return event

"""An organization's people, as its owners manage them: listed, given another role, removed
(never the last owner). Each step is in the audit log, and each change of role goes out as a
fact, so that registrations stops letting a removed person in at once. Invitations:
usecases/invitations.py."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.audit import What
from services.events.storage.tables import Account, Membership
from services.events.usecases import audit
from services.events.usecases.accounts import announce_role
from shared.errors import Conflict, NotFound


class Said:
    """A refusal the console says in the reader's words: `said` is its text's key."""

    said: str


class LastOwner(Conflict, Said):
    said = "last_owner"


@dataclass(frozen=True)
class Colleague:
    account_id: int
    name: str
    email: str
    role: str


async def members(*, session: AsyncSession, principal: Principal) -> list[Colleague]:
    """The organization's people with their roles, by name."""
    principal.require(Action.COLLEAGUES)
    rows = await session.exec(
        select(Account, Membership.role)
        .join(Membership, col(Membership.account_id) == col(Account.id))
        .where(Membership.organization_id == principal.organization_id)
        .order_by(col(Account.name), col(Account.email))
    )
    return [Colleague(a.id or 0, a.name, a.email, role) for a, role in rows.all()]


async def change_role(
    *, session: AsyncSession, principal: Principal, account_id: int, role: str, now: datetime
) -> None:
    """Give a member another role; the last owner cannot stop being one."""
    principal.require(Action.COLLEAGUES)
    membership, account = await _member(session, principal, account_id)
    if membership.role == role:
        return
    if membership.role == "owner":
        await _keep_an_owner(session, principal)
    old, membership.role = membership.role, role
    session.add(membership)
    announce_role(session, principal.organization_slug, account.email, role, now)
    details = {"old": old, "role": role}
    audit.note(session, principal, What.ROLE_CHANGED, subject=account.email, details=details)
    await session.commit()


async def remove(
    *, session: AsyncSession, principal: Principal, account_id: int, now: datetime
) -> None:
    """Take a member out of the organization (their account stays, for others); never the
    last owner."""
    principal.require(Action.COLLEAGUES)
    membership, account = await _member(session, principal, account_id)
    if membership.role == "owner":
        await _keep_an_owner(session, principal)
    await session.delete(membership)
    announce_role(session, principal.organization_slug, account.email, None, now)
    details = {"role": membership.role}
    audit.note(session, principal, What.COLLEAGUE_REMOVED, subject=account.email, details=details)
    await session.commit()


async def _keep_an_owner(session: AsyncSession, principal: Principal) -> None:
    owners = await session.exec(
        select(Membership.account_id).where(
            Membership.organization_id == principal.organization_id, Membership.role == "owner"
        )
    )
    if len(owners.all()) <= 1:
        raise LastOwner(
            "This is the organization's only owner: make someone else owner first, "
            "or nobody could manage colleagues and tokens any more"
        )


async def _member(
    session: AsyncSession, principal: Principal, account_id: int
) -> tuple[Membership, Account]:
    membership = await session.get(Membership, (account_id, principal.organization_id))
    account = await session.get(Account, account_id)
    if membership is None or account is None:
        raise NotFound("No such member of your organization")
    return membership, account

"""An organization's people, as its owners manage them: listed, invited by email (a link that
expires), given another role, removed. Each step is in the audit log, and each change of role
goes out as a fact, so that registrations stops letting a removed person in at once."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.audit import What
from services.events.domain.inputs import InvitationIn
from services.events.storage.tables import Account, Invitation, Membership, Organization
from services.events.usecases import audit
from services.events.usecases.accounts import SOURCE, announce_role, open_session
from shared.auth import hash_password, new_token, token_hash
from shared.contracts import InvitationSentV1
from shared.errors import Conflict, Forbidden, Gone, NotFound
from shared.outbox import add_to_outbox

INVITATION_DAYS = 7


class Said:
    """A refusal the console says in the reader's words: `said` is its text's key."""

    said: str


class InvitationUnknown(NotFound, Said):
    said = "invitation_unknown"


class InvitationUsed(Gone, Said):
    said = "invitation_used"


class InvitationExpired(Gone, Said):
    said = "invitation_expired"


class InvitationForAnother(Forbidden, Said):
    said = "invitation_for_another"


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


async def open_invitations(
    *, session: AsyncSession, principal: Principal, now: datetime
) -> list[Invitation]:
    """Invitations sent and neither accepted nor expired, newest first."""
    principal.require(Action.COLLEAGUES)
    rows = await session.exec(
        select(Invitation)
        .where(
            Invitation.organization_id == principal.organization_id,
            col(Invitation.accepted_at).is_(None),
            col(Invitation.expires_at) > now,
        )
        .order_by(col(Invitation.id).desc())
    )
    return list(rows.all())


async def invite(
    *,
    session: AsyncSession,
    principal: Principal,
    given: InvitationIn,
    inviter_name: str,
    console_url: str,
    language: str,
    now: datetime,
) -> Invitation:
    """Invite a person by email: the notifications service sends them the link."""
    principal.require(Action.COLLEAGUES)
    email = given.email.strip().lower()
    if await _membership(session, principal.organization_id, email) is not None:
        raise Conflict(f"{email} is a member already: change their role instead")
    plain = new_token("inv")
    invitation = Invitation(
        organization_id=principal.organization_id,
        email=email,
        role=given.role,
        token_hash=token_hash(plain),
        invited_by=principal.actor,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    session.add(invitation)
    await session.flush()
    assert invitation.id is not None
    sent = InvitationSentV1(
        invitation_id=invitation.id,
        email=email,
        organization_name=principal.organization_name,
        role=given.role,
        invited_by=inviter_name,
        link=f"{console_url}/console/invitations/{plain}",
        expires_at=invitation.expires_at,
        language=language,
    )
    add_to_outbox(session, sent, source=SOURCE)
    audit.note(
        session, principal, What.COLLEAGUE_INVITED, subject=email, details={"role": given.role}
    )
    await session.commit()
    return invitation


async def invitation_by_token(
    *, session: AsyncSession, token: str, now: datetime
) -> tuple[Invitation, Organization, bool]:
    """The invitation behind a link, its organization, and whether its address has an
    account already; a used or expired one is gone (410), an unknown one not found."""
    found = await session.exec(select(Invitation).where(Invitation.token_hash == token_hash(token)))
    invitation = found.first()
    if invitation is None:
        raise InvitationUnknown("This invitation link is not valid: ask for a new one")
    if invitation.accepted_at is not None:
        raise InvitationUsed("This invitation was used already: log in to the console")
    if invitation.expires_at <= now:
        raise InvitationExpired("This invitation has expired: ask for a new one")
    organization = await session.get(Organization, invitation.organization_id)
    assert organization is not None
    return invitation, organization, await _account(session, invitation.email) is not None


async def accept_as_new(
    *,
    session: AsyncSession,
    token: str,
    name: str,
    password: str,
    now: datetime,
    ttl: timedelta,
) -> str:
    """A new person accepts: their account is made, they join, and are logged in (returns
    the login cookie's token)."""
    invitation, organization, known = await invitation_by_token(
        session=session, token=token, now=now
    )
    if known:
        raise Conflict("This address has an account already: log in, then open the link again")
    account = Account(email=invitation.email, name=name, password_hash=hash_password(password))
    session.add(account)
    await session.flush()
    assert account.id is not None
    _join(session, invitation, organization, account, now)
    plain = open_session(session, account.id, now + ttl)
    try:
        await session.commit()
    except IntegrityError as exc:  # the same link submitted twice at once
        await session.rollback()
        raise Conflict("This invitation was used already: log in to the console") from exc
    return plain


async def accept_as_account(
    *, session: AsyncSession, token: str, account: Account, now: datetime
) -> Organization:
    """A person with an account, logged in as the invited address, accepts."""
    invitation, organization, _ = await invitation_by_token(session=session, token=token, now=now)
    if account.email != invitation.email:
        raise InvitationForAnother(
            f"This invitation is for {invitation.email}: log in with that address to accept it"
        )
    _join(session, invitation, organization, account, now)
    await session.commit()
    return organization


def _join(
    session: AsyncSession,
    invitation: Invitation,
    organization: Organization,
    account: Account,
    now: datetime,
) -> None:
    assert account.id is not None and organization.id is not None
    invitation.accepted_at = now
    session.add(invitation)
    membership = Membership(
        account_id=account.id, organization_id=organization.id, role=invitation.role
    )
    session.add(membership)
    announce_role(session, organization.slug, account.email, invitation.role, now)
    audit.note_as(
        session,
        organization.id,
        account.email,
        What.COLLEAGUE_JOINED,
        subject=account.email,
        details={"role": invitation.role},
        at=now,
    )


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


async def _account(session: AsyncSession, email: str) -> Account | None:
    return (await session.exec(select(Account).where(Account.email == email))).first()


async def _membership(session: AsyncSession, organization_id: int, email: str) -> str | None:
    rows = await session.exec(
        select(Membership.role)
        .join(Account, col(Account.id) == col(Membership.account_id))
        .where(Membership.organization_id == organization_id, Account.email == email)
    )
    return rows.first()

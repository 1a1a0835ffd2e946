"""Invitations to join an organization: an owner invites a person by email with a role (the
notifications service sends the link, valid a week); the person accepts, as a new account or
as the account of the invited address, and is a member with that role."""

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
from services.events.usecases.colleagues import Said
from shared.auth import hash_password, new_token, token_hash
from shared.contracts import InvitationSentV1
from shared.errors import Conflict, Forbidden, Gone, NotFound
from shared.outbox import add_to_outbox

INVITATION_DAYS = 7


class InvitationUnknown(NotFound, Said):
    said = "invitation_unknown"


class InvitationUsed(Gone, Said):
    said = "invitation_used"


class InvitationExpired(Gone, Said):
    said = "invitation_expired"


class InvitationForAnother(Forbidden, Said):
    said = "invitation_for_another"


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


async def _account(session: AsyncSession, email: str) -> Account | None:
    return (await session.exec(select(Account).where(Account.email == email))).first()


async def _membership(session: AsyncSession, organization_id: int, email: str) -> str | None:
    rows = await session.exec(
        select(Membership.role)
        .join(Account, col(Account.id) == col(Membership.account_id))
        .where(Membership.organization_id == organization_id, Account.email == email)
    )
    return rows.first()

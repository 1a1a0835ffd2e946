"""Organizations, their members and API tokens, and logging in."""

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Principal
from services.events.domain.audit import What
from services.events.domain.inputs import MemberIn, OrganizationIn, TokenIn
from services.events.storage.tables import Account, ApiToken, LoginSession, Membership, Organization
from services.events.usecases import audit
from shared.auth import hash_password, new_token, token_hash, verify_password
from shared.contracts import (
    OrganizerMembershipChangedV1,
    OrganizerTokenIssuedV1,
    OrganizerTokenRevokedV1,
)
from shared.errors import Conflict, NotFound, Unauthorized
from shared.outbox import add_to_outbox

TOKEN_PREFIX = "cvg"
OPERATOR = "operator"  # who the audit log names for what the platform's operator did
SOURCE = "/convegni/events"


async def create_organization(*, session: AsyncSession, given: OrganizationIn) -> Organization:
    organization = Organization(slug=given.slug, name=given.name)
    session.add(organization)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict(f"An organization with the address '{given.slug}' exists already") from exc
    return organization


async def organization_by_slug(session: AsyncSession, slug: str) -> Organization:
    found = (await session.exec(select(Organization).where(Organization.slug == slug))).first()
    if found is None:
        raise NotFound(f"No organization '{slug}'")
    return found


async def add_member(
    *, session: AsyncSession, organization_slug: str, given: MemberIn, now: datetime
) -> Account:
    """Give a person a role in an organization, creating their account if it is new (the
    platform's operator does this; owners invite)."""
    organization = await organization_by_slug(session, organization_slug)
    email = given.email.strip().lower()
    account = (await session.exec(select(Account).where(Account.email == email))).first()
    if account is None:
        account = Account(email=email, name=given.name, password_hash=hash_password(given.password))
        session.add(account)
        await session.flush()
    assert account.id is not None and organization.id is not None
    await session.merge(
        Membership(account_id=account.id, organization_id=organization.id, role=given.role)
    )
    announce_role(session, organization.slug, account.email, given.role, now)
    details: dict[str, str] = {"role": given.role}
    audit.note_as(
        session, organization.id, OPERATOR, What.ROLE_CHANGED, subject=email, details=details
    )
    await session.commit()
    return account


def announce_role(
    session: AsyncSession, organization_slug: str, email: str, role: str | None, now: datetime
) -> None:
    """Stage the fact that tells other services a person's role now (None: removed)."""
    fact = OrganizerMembershipChangedV1(
        organization_slug=organization_slug, actor=email, role=role, changed_at=now
    )
    add_to_outbox(session, fact, source=SOURCE)


async def create_token(
    *, session: AsyncSession, organization_id: int, given: TokenIn, actor: str = OPERATOR
) -> tuple[ApiToken, str]:
    """A new API token; the plain value is returned this once and never stored."""
    plain = new_token(TOKEN_PREFIX)
    token = ApiToken(
        organization_id=organization_id,
        name=given.name,
        prefix=plain[:12],
        token_hash=token_hash(plain),
        role=given.role,
    )
    session.add(token)
    organization = await session.get(Organization, organization_id)
    assert organization is not None
    issued = OrganizerTokenIssuedV1(
        token_hash=token.token_hash, organization_slug=organization.slug, role=token.role
    )
    add_to_outbox(session, issued, source=SOURCE)
    details = {"role": token.role}
    audit.note_as(
        session, organization_id, actor, What.TOKEN_CREATED, subject=token.name, details=details
    )
    await session.commit()
    return token, plain


async def list_tokens(*, session: AsyncSession, organization_id: int) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.organization_id == organization_id)
    return list((await session.exec(query.order_by(col(ApiToken.id)))).all())


async def revoke_token(
    *,
    session: AsyncSession,
    organization_id: int,
    token_id: int,
    now: datetime,
    actor: str = OPERATOR,
) -> None:
    token = await session.get(ApiToken, token_id)
    if token is None or token.organization_id != organization_id:
        raise NotFound("No such token")
    if token.revoked_at is None:
        token.revoked_at = now
        session.add(token)
        organization = await session.get(Organization, organization_id)
        assert organization is not None
        revoked = OrganizerTokenRevokedV1(
            token_hash=token.token_hash, organization_slug=organization.slug
        )
        add_to_outbox(session, revoked, source=SOURCE)
        audit.note_as(session, organization_id, actor, What.TOKEN_REVOKED, subject=token.name)
    await session.commit()


async def principal_from_token(*, session: AsyncSession, token: str) -> Principal:
    """The organization an API token acts for; refused when unknown or revoked."""
    found = (
        await session.exec(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    ).first()
    if found is None or found.revoked_at is not None:
        raise Unauthorized("API token unknown or revoked")
    organization = await session.get(Organization, found.organization_id)
    assert organization is not None and organization.id is not None
    return Principal(
        organization_id=organization.id,
        organization_slug=organization.slug,
        organization_name=organization.name,
        role=found.role,
        actor=f"token:{found.name}",
    )


async def log_in(
    *, session: AsyncSession, email: str, password: str, now: datetime, ttl: timedelta
) -> str:
    """Check the password and open a login session; returns the cookie's token."""
    account = (
        await session.exec(select(Account).where(Account.email == email.strip().lower()))
    ).first()
    if not verify_password(password, account.password_hash if account else None):
        raise Unauthorized("Email or password is wrong")
    assert account is not None and account.id is not None
    plain = open_session(session, account.id, now + ttl)
    await session.commit()
    return plain


def open_session(session: AsyncSession, account_id: int, expires_at: datetime) -> str:
    """Stage a login session; returns the cookie's token (only its hash is kept)."""
    plain = new_token("sess")
    session.add(
        LoginSession(token_hash=token_hash(plain), account_id=account_id, expires_at=expires_at)
    )
    return plain


async def log_out(*, session: AsyncSession, token: str) -> None:
    found = (
        await session.exec(select(LoginSession).where(LoginSession.token_hash == token_hash(token)))
    ).first()
    if found is not None:
        await session.delete(found)
        await session.commit()


async def account_for_session(*, session: AsyncSession, token: str, now: datetime) -> Account:
    """The account behind a session cookie; refused when unknown or expired."""
    found = (
        await session.exec(select(LoginSession).where(LoginSession.token_hash == token_hash(token)))
    ).first()
    if found is None or found.expires_at <= now:
        raise Unauthorized("Please log in again")
    account = await session.get(Account, found.account_id)
    assert account is not None
    return account


async def memberships(*, session: AsyncSession, account: Account) -> list[tuple[Organization, str]]:
    """The organizations an account belongs to, with its role in each, by name."""
    rows = await session.exec(
        select(Organization, Membership.role)
        .join(Membership, col(Membership.organization_id) == col(Organization.id))
        .where(Membership.account_id == account.id)
        .order_by(col(Organization.name))
    )
    return [(organization, role) for organization, role in rows.all()]


async def principal_for_account(
    *, session: AsyncSession, account: Account, organization_slug: str
) -> Principal:
    """The account acting for one of its organizations; another's is simply not found."""
    for organization, role in await memberships(session=session, account=account):
        if organization.slug == organization_slug:
            assert organization.id is not None
            return Principal(
                organization_id=organization.id,
                organization_slug=organization.slug,
                organization_name=organization.name,
                role=role,
                actor=account.email,
            )
    raise NotFound(f"No organization '{organization_slug}' among yours")

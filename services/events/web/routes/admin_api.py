"""The platform operator's API: organizations, their members, their first API token."""

from datetime import UTC, datetime

from fastapi import APIRouter, Depends

from services.events.usecases import accounts
from services.events.web.routes.auth import require_admin
from services.events.web.schemas import (
    MemberIn,
    MemberOut,
    NewTokenOut,
    OrganizationIn,
    OrganizationOut,
    TokenIn,
    TokenOut,
)
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses=refusals(400, 401, 413, 422),
)


@router.post("/organizations", status_code=201, responses=refusals(409))
async def create_organization(given: OrganizationIn, session: SessionDep) -> OrganizationOut:
    organization = await accounts.create_organization(session=session, given=given)
    return OrganizationOut.model_validate(organization, from_attributes=True)


@router.post("/organizations/{slug}/members", status_code=201, responses=refusals(404))
async def add_member(slug: str, given: MemberIn, session: SessionDep) -> MemberOut:
    """Give a person a role in the organization (their account is created if new)."""
    account = await accounts.add_member(
        session=session, organization_slug=slug, given=given, now=datetime.now(UTC)
    )
    return MemberOut(email=account.email, name=account.name, role=given.role)


@router.post("/organizations/{slug}/tokens", status_code=201, responses=refusals(404))
async def create_token(slug: str, given: TokenIn, session: SessionDep) -> NewTokenOut:
    """An API token for the organization; its value is in this answer only."""
    organization = await accounts.organization_by_slug(session, slug)
    assert organization.id is not None
    token, plain = await accounts.create_token(
        session=session, organization_id=organization.id, given=given
    )
    return NewTokenOut(
        **TokenOut.model_validate(token, from_attributes=True).model_dump(), token=plain
    )

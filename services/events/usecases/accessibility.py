"""Accessibility statements: read an organization's (its saved one, else the default of
this software) and save a new one."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.accessibility import PREPARED_ON, StatementShape
from services.events.storage.tables import AccessibilityStatement, Organization
from shared.errors import NotFound


@dataclass(frozen=True)
class Statement:
    """What the statement's page shows; `saved` is False for the default."""

    organization: Organization | None
    status: str
    non_accessible_it: str
    non_accessible_en: str
    feedback_email: str
    prepared_on: date
    method: str
    saved: bool


def default_statement(organization: Organization | None, feedback_email: str) -> Statement:
    """What is true of this software before anyone writes more."""
    return Statement(
        organization, "partially_compliant", "", "", feedback_email, PREPARED_ON,
        "self_assessment", saved=False,
    )  # fmt: skip


async def organization_by_slug(*, session: AsyncSession, slug: str) -> Organization:
    found = await session.exec(select(Organization).where(Organization.slug == slug))
    organization = found.first()
    if organization is None:
        raise NotFound("No organization has this address")
    return organization


async def statement_of(*, session: AsyncSession, organization: Organization) -> Statement:
    assert organization.id is not None, "an organization is saved before it has a statement"
    row = await session.get(AccessibilityStatement, organization.id)
    if row is None:
        return default_statement(organization, "")
    return Statement(
        organization, row.status, row.non_accessible_it, row.non_accessible_en,
        row.feedback_email, row.prepared_on, row.method, saved=True,
    )  # fmt: skip


async def save_statement(
    *, session: AsyncSession, organization: Organization, given: StatementShape, now: datetime
) -> Statement:
    """Replace the organization's statement with what its people wrote."""
    assert organization.id is not None, "an organization is saved before it has a statement"
    row = await session.get(AccessibilityStatement, organization.id)
    row = row or AccessibilityStatement(
        organization_id=organization.id,
        status=given.status,
        prepared_on=given.prepared_on,
        method=given.method,
        updated_at=now,
    )
    for name, value in given.model_dump().items():
        setattr(row, name, value)
    row.updated_at = now
    session.add(row)
    await session.commit()
    return await statement_of(session=session, organization=organization)

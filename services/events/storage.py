"""Find-or-create helpers for directory rows; they flush, never commit."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.models import Organization, Speaker, Venue
from services.events.schemas import OrganizationIn, SpeakerIn, VenueIn


async def get_or_create_organization(session: AsyncSession, given: OrganizationIn) -> Organization:
    found = (
        await session.exec(select(Organization).where(Organization.slug == given.slug))
    ).first()
    if found:
        return found
    organization = Organization(slug=given.slug, name=given.name)
    session.add(organization)
    await session.flush()
    return organization


async def upsert_venue(session: AsyncSession, organization: Organization, given: VenueIn) -> Venue:
    """The organization's venue of that name, updated with what was given."""
    venue = (
        await session.exec(
            select(Venue).where(Venue.organization_id == organization.id, Venue.name == given.name)
        )
    ).first()
    if venue is None:
        assert organization.id is not None
        venue = Venue(organization_id=organization.id, name=given.name)
    venue.building = given.building or venue.building
    venue.address = given.address or venue.address
    venue.city = given.city or venue.city
    session.add(venue)
    await session.flush()
    return venue


async def upsert_speaker(
    session: AsyncSession, organization: Organization, given: SpeakerIn
) -> Speaker:
    """The directory entry for this name, completed with any detail given now."""
    speaker = (
        await session.exec(
            select(Speaker).where(
                Speaker.organization_id == organization.id, Speaker.name == given.name
            )
        )
    ).first()
    if speaker is None:
        assert organization.id is not None
        speaker = Speaker(organization_id=organization.id, name=given.name)
    speaker.honorific = given.honorific or speaker.honorific
    speaker.position = given.position or speaker.position
    speaker.affiliation = given.organization or speaker.affiliation
    session.add(speaker)
    await session.flush()
    return speaker

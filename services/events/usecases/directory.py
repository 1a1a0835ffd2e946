"""An organization's speaker and venue directories, and resolving references to them."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Principal
from services.events.domain.inputs import ItemSpeakerIn, SpeakerIn, VenueIn
from services.events.storage.tables import Room, Speaker, Venue
from shared.errors import Conflict, Invalid, NotFound


async def list_speakers(*, session: AsyncSession, principal: Principal) -> list[Speaker]:
    query = select(Speaker).where(Speaker.organization_id == principal.organization_id)
    return list((await session.exec(query.order_by(col(Speaker.name)))).all())


async def get_speaker(session: AsyncSession, principal: Principal, speaker_id: int) -> Speaker:
    """One of this organization's speakers; another organization's is not found."""
    speaker = await session.get(Speaker, speaker_id)
    if speaker is None or speaker.organization_id != principal.organization_id:
        raise NotFound(f"No speaker {speaker_id} in your directory")
    return speaker


async def save_speaker(
    *, session: AsyncSession, principal: Principal, given: SpeakerIn, speaker_id: int | None = None
) -> Speaker:
    """Create a directory entry, or replace one (speaker_id given)."""
    principal.require("editor")
    if speaker_id is None:
        speaker = Speaker(organization_id=principal.organization_id, name=given.name)
    else:
        speaker = await get_speaker(session, principal, speaker_id)
    _copy_speaker(speaker, given)
    session.add(speaker)
    await _commit_unique(session, f"A speaker named '{given.name}' is already in your directory")
    return speaker


def _copy_speaker(speaker: Speaker, given: SpeakerIn) -> None:
    speaker.honorific, speaker.name, speaker.position = given.honorific, given.name, given.position
    speaker.affiliation, speaker.bio, speaker.photo_url = (
        given.organization,
        given.bio,
        given.photo_url,
    )


async def resolve_item_speaker(
    session: AsyncSession, principal: Principal, given: ItemSpeakerIn
) -> Speaker:
    """The directory entry an item names: by id (must be ours), or by name (added if new)."""
    if given.speaker_id is not None:
        try:
            return await get_speaker(session, principal, given.speaker_id)
        except NotFound as exc:
            raise Invalid(f"Unknown speaker {given.speaker_id}: not in your directory") from exc
    assert given.name is not None
    speaker = (
        await session.exec(
            select(Speaker).where(
                Speaker.organization_id == principal.organization_id, Speaker.name == given.name
            )
        )
    ).first() or Speaker(organization_id=principal.organization_id, name=given.name)
    speaker.honorific = given.honorific or speaker.honorific
    speaker.position = given.position or speaker.position
    speaker.affiliation = given.organization or speaker.affiliation
    session.add(speaker)
    await session.flush()
    return speaker


async def list_venues(*, session: AsyncSession, principal: Principal) -> list[Venue]:
    query = select(Venue).where(Venue.organization_id == principal.organization_id)
    return list((await session.exec(query.order_by(col(Venue.name)))).all())


async def get_venue(session: AsyncSession, principal: Principal, venue_id: int) -> Venue:
    venue = await session.get(Venue, venue_id)
    if venue is None or venue.organization_id != principal.organization_id:
        raise NotFound(f"No venue {venue_id} in your directory")
    return venue


async def venue_rooms(session: AsyncSession, venue: Venue) -> list[str]:
    rooms = await session.exec(select(Room.name).where(Room.venue_id == venue.id))
    return sorted(rooms.all())


async def save_venue(
    *, session: AsyncSession, principal: Principal, given: VenueIn, venue_id: int | None = None
) -> Venue:
    principal.require("editor")
    venue = await _upsert_venue(session, principal, given, venue_id)
    await _commit_unique(session, f"A venue named '{given.name}' is already in your directory")
    return venue


async def resolve_venue(
    session: AsyncSession, principal: Principal, venue_id: int | None, given: VenueIn | None
) -> Venue:
    """The event's venue: ours by id, or by name (added or completed), without committing."""
    if venue_id is not None:
        try:
            return await get_venue(session, principal, venue_id)
        except NotFound as exc:
            raise Invalid(f"Unknown venue {venue_id}: not in your directory") from exc
    assert given is not None
    existing = (
        await session.exec(
            select(Venue.id).where(
                Venue.organization_id == principal.organization_id, Venue.name == given.name
            )
        )
    ).first()
    return await _upsert_venue(session, principal, given, existing)


async def _upsert_venue(
    session: AsyncSession, principal: Principal, given: VenueIn, venue_id: int | None
) -> Venue:
    if venue_id is None:
        venue = Venue(organization_id=principal.organization_id, name=given.name)
    else:
        venue = await get_venue(session, principal, venue_id)
    venue.name, venue.building, venue.address = given.name, given.building, given.address
    venue.city, venue.map_url = given.city, given.map_url
    session.add(venue)
    try:  # renamed as another venue: refused here, at the flush, before any commit
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict(f"A venue named '{given.name}' is already in your directory") from exc
    await _add_rooms(session, venue, given.rooms)
    return venue


async def _add_rooms(session: AsyncSession, venue: Venue, names: list[str]) -> None:
    known = set(await venue_rooms(session, venue))
    for name in dict.fromkeys(names):
        if name not in known:
            assert venue.id is not None
            session.add(Room(venue_id=venue.id, name=name))


async def _commit_unique(session: AsyncSession, message: str) -> None:
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict(message) from exc

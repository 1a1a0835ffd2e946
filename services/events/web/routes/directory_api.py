"""Organizer API for the directories: speakers and venues. (Tokens are managed by owners in
the console, or by the operator: a token cannot mint tokens.)"""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from services.events.usecases import directory
from services.events.web.routes.auth import PrincipalDep
from services.events.web.schemas import SpeakerIn, VenueIn
from shared.web.deps import SessionDep
from shared.web.errors import refusals
from shared.web.inputs import RowIdInPath

router = APIRouter(
    prefix="/api/organizer", tags=["organizer: directories"], responses=refusals(401, 422)
)
SAVE = refusals(400, 403, 409, 413)  # a viewer; a name already in the directory


class SpeakerOut(SpeakerIn):
    id: int


class VenueOut(VenueIn):
    id: int


class TokenOut(BaseModel):
    id: int
    name: str
    prefix: str
    role: str
    created_at: datetime
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    token: str  # shown this once


def _speaker_out(speaker) -> SpeakerOut:  # type: ignore[no-untyped-def]
    return SpeakerOut(
        id=speaker.id,
        honorific=speaker.honorific,
        name=speaker.name,
        position=speaker.position,
        organization=speaker.affiliation,
        bio=speaker.bio,
        photo_url=speaker.photo_url,
    )


@router.get("/speakers")
async def list_speakers(principal: PrincipalDep, session: SessionDep) -> list[SpeakerOut]:
    """Your organization's speaker directory, by name."""
    return [
        _speaker_out(s) for s in await directory.list_speakers(session=session, principal=principal)
    ]


@router.post("/speakers", status_code=201, responses=SAVE)
async def create_speaker(
    given: SpeakerIn, principal: PrincipalDep, session: SessionDep
) -> SpeakerOut:
    speaker = await directory.save_speaker(session=session, principal=principal, given=given)
    return _speaker_out(speaker)


@router.get("/speakers/{speaker_id}", responses=refusals(404))
async def get_speaker(
    speaker_id: RowIdInPath, principal: PrincipalDep, session: SessionDep
) -> SpeakerOut:
    return _speaker_out(await directory.get_speaker(session, principal, speaker_id))


@router.put("/speakers/{speaker_id}", responses={**SAVE, **refusals(404)})
async def update_speaker(
    speaker_id: RowIdInPath, given: SpeakerIn, principal: PrincipalDep, session: SessionDep
) -> SpeakerOut:
    speaker = await directory.save_speaker(
        session=session, principal=principal, given=given, speaker_id=speaker_id
    )
    return _speaker_out(speaker)


async def _venue_out(session: SessionDep, venue) -> VenueOut:  # type: ignore[no-untyped-def]
    return VenueOut(
        id=venue.id,
        name=venue.name,
        building=venue.building,
        address=venue.address,
        city=venue.city,
        map_url=venue.map_url,
        rooms=await directory.venue_rooms(session, venue),
    )


@router.get("/venues")
async def list_venues(principal: PrincipalDep, session: SessionDep) -> list[VenueOut]:
    venues = await directory.list_venues(session=session, principal=principal)
    return [await _venue_out(session, v) for v in venues]


@router.post("/venues", status_code=201, responses=SAVE)
async def create_venue(given: VenueIn, principal: PrincipalDep, session: SessionDep) -> VenueOut:
    venue = await directory.save_venue(session=session, principal=principal, given=given)
    return await _venue_out(session, venue)


@router.get("/venues/{venue_id}", responses=refusals(404))
async def get_venue(
    venue_id: RowIdInPath, principal: PrincipalDep, session: SessionDep
) -> VenueOut:
    return await _venue_out(session, await directory.get_venue(session, principal, venue_id))


@router.put("/venues/{venue_id}", responses={**SAVE, **refusals(404)})
async def update_venue(
    venue_id: RowIdInPath, given: VenueIn, principal: PrincipalDep, session: SessionDep
) -> VenueOut:
    venue = await directory.save_venue(
        session=session, principal=principal, given=given, venue_id=venue_id
    )
    return await _venue_out(session, venue)

"""The speaker and venue forms: their fields from a directory row, and the input from them."""

from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from services.events.storage.tables import Speaker, Venue
from services.events.web.routes.console.forms import Problems, Rule, from_validation
from services.events.web.schemas import SpeakerIn, VenueIn

SPEAKER_FIELDS = ("honorific", "name", "position", "organization", "bio", "photo_url")
VENUE_FIELDS = ("name", "building", "address", "city", "map_url", "rooms")
M = TypeVar("M", bound=BaseModel)
DIRECTORY_RULES = (Rule(r"is already in your directory", "name", "error_name_taken"),)


def speaker_values(speaker: Speaker | None) -> dict[str, str]:
    if speaker is None:
        return {name: "" for name in SPEAKER_FIELDS}
    return {
        "honorific": speaker.honorific or "",
        "name": speaker.name,
        "position": speaker.position or "",
        "organization": speaker.affiliation or "",
        "bio": speaker.bio or "",
        "photo_url": speaker.photo_url or "",
    }


def venue_values(venue: Venue | None, rooms: list[str]) -> dict[str, str]:
    if venue is None:
        return {name: "" for name in VENUE_FIELDS}
    return {
        "name": venue.name,
        "building": venue.building or "",
        "address": venue.address or "",
        "city": venue.city or "",
        "map_url": venue.map_url or "",
        "rooms": "\n".join(rooms),
    }


def speaker_from_values(values: dict[str, str]) -> tuple[SpeakerIn | None, Problems]:
    data = {name: values.get(name, "").strip() or None for name in SPEAKER_FIELDS}
    return _validated(SpeakerIn, data)


def venue_from_values(values: dict[str, str]) -> tuple[VenueIn | None, Problems]:
    """The venue; its rooms are typed one per line."""
    data: dict[str, object] = {
        name: values.get(name, "").strip() or None for name in VENUE_FIELDS if name != "rooms"
    }
    data["rooms"] = [line.strip() for line in values.get("rooms", "").splitlines() if line.strip()]
    return _validated(VenueIn, data)


def _validated(model: type[M], data: Mapping[str, object]) -> tuple[M | None, Problems]:
    problems = Problems()
    try:
        return model.model_validate(data), problems
    except ValidationError as error:
        from_validation(problems, error, lambda loc: str(loc[0]) if loc else None)
        return None, problems

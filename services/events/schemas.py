"""Shapes of the organizer API: what an organizer sends to create an event."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ItemKind = Literal[
    "registration",
    "welcome_coffee",
    "opening",
    "greetings",
    "talk",
    "panel",
    "break",
    "debate",
    "section",
    "closing",
    "other",
]
SpeakerRole = Literal["speaker", "moderator", "chair", "respondent"]

# One line of text: a line break in a title or a name would break email headers and calendars.
Line = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$")]
Name = Field(min_length=1, max_length=200)
OptionalText = Field(default=None, max_length=300)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SpeakerIn(_In):
    honorific: Line | None = Field(default=None, max_length=30)
    name: Line = Name
    position: Line | None = OptionalText
    organization: Line | None = OptionalText
    role: SpeakerRole = "speaker"


class ProgrammeItemIn(_In):
    kind: ItemKind = "talk"
    title: Line = Field(min_length=1, max_length=500)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    speakers: list[SpeakerIn] = Field(default_factory=list, max_length=50)
    items: list["ProgrammeItemIn"] = Field(default_factory=list, max_length=100)


class VenueIn(_In):
    name: Line = Name
    building: Line | None = OptionalText
    address: Line | None = OptionalText
    city: Line | None = OptionalText


class OrganizationIn(_In):
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    name: Line = Name


class EventCreate(_In):
    """A new event, as a draft. Naive times are read in the event's timezone."""

    organization: OrganizationIn
    slug: str | None = Field(default=None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)
    title: Line = Field(min_length=1, max_length=500)
    subtitle: Line | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=20_000)
    supporters: list[Line] = Field(default_factory=list, max_length=20)
    timezone: str = "Europe/Rome"
    doors_open_at: datetime | None = None
    doors_note: Line | None = OptionalText
    starts_at: datetime
    ends_at: datetime
    venue: VenueIn
    capacity: int = Field(ge=1, le=100_000)
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    language: Literal["it", "en"] = "it"
    moderator: SpeakerIn | None = None
    programme: list[ProgrammeItemIn] = Field(default_factory=list, max_length=200)

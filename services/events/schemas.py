"""Shapes of the organizer API: what an organizer sends for events, speakers and venues."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ItemKind = Literal[
    "registration",
    "welcome_coffee",
    "opening",
    "greetings",
    "talk",
    "panel",
    "break",
    "lunch",
    "debate",
    "workshop",
    "section",
    "closing",
    "other",
]
SpeakerRole = Literal["speaker", "moderator", "chair", "respondent", "invited"]
AttendanceMode = Literal["in_person", "online", "hybrid"]
Role = Literal["owner", "editor", "viewer"]

# One line of text: a line break in a title or a name would break email headers and calendars.
Line = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]
WebUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$", max_length=500)]
Name = Field(min_length=1, max_length=200)
OptionalText = Field(default=None, max_length=300)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SpeakerIn(_In):
    """An entry of the speaker directory."""

    honorific: Line | None = Field(default=None, max_length=30)
    name: Line = Name
    position: Line | None = OptionalText
    organization: Line | None = OptionalText
    bio: str | None = Field(default=None, max_length=2000)
    photo_url: WebUrl | None = None


class ItemSpeakerIn(_In):
    """A person on an item: a directory entry by id, or a new one by name."""

    speaker_id: int | None = None
    honorific: Line | None = Field(default=None, max_length=30)
    name: Line | None = Field(default=None, min_length=1, max_length=200)
    position: Line | None = OptionalText
    organization: Line | None = OptionalText
    role: SpeakerRole = "speaker"

    @model_validator(mode="after")
    def _id_or_name(self) -> "ItemSpeakerIn":
        if self.speaker_id is None and not self.name:
            raise ValueError("give either speaker_id (from the directory) or a name")
        return self


class ProgrammeItemIn(_In):
    id: int | None = None  # keep it to edit an item; leave it out for a new one
    kind: ItemKind = "talk"
    title: Line = Field(min_length=1, max_length=500)
    description: str | None = Field(default=None, max_length=5000)
    room: Line | None = Field(default=None, max_length=200)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    speakers: list[ItemSpeakerIn] = Field(default_factory=list, max_length=50)
    items: list["ProgrammeItemIn"] = Field(default_factory=list, max_length=100)


class VenueIn(_In):
    name: Line = Name
    building: Line | None = OptionalText
    address: Line | None = OptionalText
    city: Line | None = OptionalText
    map_url: WebUrl | None = None
    rooms: list[Annotated[Line, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50
    )


class OrganizationRefIn(_In):
    name: Line = Name
    slug: Slug | None = None


class EventIn(_In):
    """An event as the organizer writes it. Naive times are read in the event's timezone."""

    slug: Slug | None = None
    title: Line = Field(min_length=1, max_length=500)
    subtitle: Line | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=20_000)
    co_organizers: list[OrganizationRefIn] = Field(default_factory=list, max_length=20)
    supporters: list[Line] = Field(default_factory=list, max_length=20)
    audience: list[Line] = Field(default_factory=list, max_length=20)
    topics: list[Slug] = Field(default_factory=list, max_length=20)
    timezone: str = Field(default="Europe/Rome", max_length=64)
    doors_open_at: datetime | None = None
    doors_note: Line | None = OptionalText
    starts_at: datetime
    ends_at: datetime
    times_announced: bool = True
    end_note: Line | None = OptionalText
    venue_id: int | None = None
    venue: VenueIn | None = None
    attendance_mode: AttendanceMode = "in_person"
    capacity: int = Field(ge=0, le=100_000)
    online_capacity: int | None = Field(default=None, ge=1, le=1_000_000)
    online_url: WebUrl | None = None
    open_to_public: bool = True
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    language: Literal["it", "en"] = "it"
    moderator: ItemSpeakerIn | None = None
    programme: list[ProgrammeItemIn] = Field(default_factory=list, max_length=200)
    reminder_hours_before: float | None = Field(default=24.0, gt=0, le=24 * 30)
    still_coming_days_before: float | None = Field(default=None, gt=0, le=60)
    thanks_after: bool = True
    notify_programme_changes: bool = True

    @model_validator(mode="after")
    def _one_venue(self) -> "EventIn":
        if (self.venue_id is None) == (self.venue is None):
            raise ValueError("give the venue either as venue_id (from the directory) or as venue")
        return self


class CancelIn(_In):
    reason: Line | None = Field(default=None, max_length=500)


class TokenIn(_In):
    name: Line = Field(min_length=1, max_length=100)
    role: Literal["editor", "viewer"] = "editor"


class OrganizationIn(_In):
    slug: Slug
    name: Line = Name


class MemberIn(_In):
    email: str = Field(min_length=3, max_length=320)
    name: Line = Name
    password: str = Field(min_length=12, max_length=200)
    role: Role = "editor"

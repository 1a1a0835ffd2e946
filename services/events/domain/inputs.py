"""What an organizer writes: an event with its programme, and the entries of the speaker and
venue directories. Plain pydantic models (the domain validates them; the API and the
console read them), strict as the OpenAPI schema tells: see shared/inputs.py."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from shared.inputs import JsonBool, JsonInt, RowId, json_number

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

Hours = Annotated[float, Field(gt=0, le=24 * 30), BeforeValidator(json_number)]
Days = Annotated[float, Field(gt=0, le=60), BeforeValidator(json_number)]
OnlineSeats = Annotated[int, Field(ge=1, le=1_000_000), BeforeValidator(json_number)]
# One line of text: a line break in a title or a name would break email headers and calendars.
Line = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$")]
# A line with something in it besides spaces. Text is stripped before it is checked, so the
# schema must refuse what stripping empties: Python's whitespace, written out, since JSON
# Schema (ECMA) and Python disagree on what \s takes in (U+0085, U+FEFF).
_SPACES = r"\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
Filled = Annotated[
    str, StringConstraints(pattern=rf"^[^\x00-\x1f\x7f]*[^{_SPACES}][^\x00-\x1f\x7f]*$")
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]
# No space or control character: written as ranges, since JSON Schema (ECMA) and pydantic
# (Rust) disagree on what \s takes in (U+0085 is one of them).
WebUrl = Annotated[
    str, StringConstraints(pattern=r"^https?://[^\x00-\x20\x7f-\x9f<>\"]+$", max_length=500)
]
# A colour as CSS and Bootstrap Italia write it: "#0066cc".
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Seats = Annotated[int, Field(ge=1, le=100_000), BeforeValidator(json_number)]
Name = Field(min_length=1, max_length=200)
OptionalText = Field(default=None, max_length=300)


def _given(name: str, kind: str) -> dict[str, Any]:
    """JSON Schema for "`name` is there, and not null"."""
    return {"required": [name], "properties": {name: {"type": kind}}}


class Input(BaseModel):
    """What a person typed: unknown fields refused, text stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SpeakerIn(Input):
    """An entry of the speaker directory."""

    honorific: Line | None = Field(default=None, max_length=30)
    name: Filled = Name
    position: Line | None = OptionalText
    organization: Line | None = OptionalText
    bio: str | None = Field(default=None, max_length=2000)
    photo_url: WebUrl | None = None


class ItemSpeakerIn(Input):
    """A person on an item: a directory entry by id, or a new one by name."""

    # What _id_or_name checks, told in the schema too.
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [_given("speaker_id", "integer"), _given("name", "string")]}
    )

    speaker_id: RowId | None = None
    honorific: Line | None = Field(default=None, max_length=30)
    name: Filled | None = Field(default=None, min_length=1, max_length=200)
    position: Line | None = OptionalText
    organization: Line | None = OptionalText
    role: SpeakerRole = "speaker"

    @model_validator(mode="after")
    def _id_or_name(self) -> "ItemSpeakerIn":
        if self.speaker_id is None and not self.name:
            raise ValueError("give either speaker_id (from the directory) or a name")
        return self


class TrackIn(Input):
    """A track of a programme with parallel sessions ("Tavolo 1: welfare di comunità"): items
    name it; its colour marks them on the timetable, beside the name."""

    name: Filled = Field(min_length=1, max_length=100)
    colour: Colour = "#0066cc"


class ProgrammeItemIn(Input):
    id: RowId | None = None  # keep it to edit an item; leave it out for a new one
    kind: ItemKind = "talk"
    title: Filled = Field(min_length=1, max_length=500)
    description: str | None = Field(default=None, max_length=5000)
    room: Line | None = Field(default=None, max_length=200)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    speakers: list[ItemSpeakerIn] = Field(default_factory=list, max_length=50)
    track: Line | None = Field(default=None, max_length=100)  # one of the event's tracks
    # A session people sign up for, with this many seats (None: open to every participant).
    seats: Seats | None = None
    items: list["ProgrammeItemIn"] = Field(default_factory=list, max_length=100)


class VenueIn(Input):
    name: Filled = Name
    building: Line | None = OptionalText
    address: Line | None = OptionalText
    city: Line | None = OptionalText
    map_url: WebUrl | None = None
    rooms: list[Annotated[Filled, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50
    )


class OrganizationRefIn(Input):
    name: Filled = Name
    slug: Slug | None = None


class EventIn(Input):
    """An event as the organizer writes it. Naive times are read in the event's timezone."""

    # What _one_venue checks, told in the schema too.
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [_given("venue_id", "integer"), _given("venue", "object")]}
    )

    slug: Slug | None = None
    title: Filled = Field(min_length=1, max_length=500)
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
    times_announced: JsonBool = True
    end_note: Line | None = OptionalText
    venue_id: RowId | None = None
    venue: VenueIn | None = None
    attendance_mode: AttendanceMode = "in_person"
    capacity: JsonInt = Field(ge=0, le=100_000)
    online_capacity: OnlineSeats | None = None
    online_url: WebUrl | None = None
    open_to_public: JsonBool = True
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    language: Literal["it", "en"] = "it"
    moderator: ItemSpeakerIn | None = None
    programme: list[ProgrammeItemIn] = Field(default_factory=list, max_length=200)
    tracks: list[TrackIn] = Field(default_factory=list, max_length=20)
    reminder_hours_before: Hours | None = 24.0
    still_coming_days_before: Days | None = None
    thanks_after: JsonBool = True
    notify_programme_changes: JsonBool = True

    @model_validator(mode="after")
    def _one_venue(self) -> "EventIn":
        if (self.venue_id is None) == (self.venue is None):
            raise ValueError("give the venue either as venue_id (from the directory) or as venue")
        return self


Role = Literal["owner", "editor", "door", "viewer"]


class CancelIn(Input):
    reason: Line | None = Field(default=None, max_length=500)


class TokenIn(Input):
    name: Filled = Field(min_length=1, max_length=100)
    role: Literal["editor", "door", "viewer"] = "editor"


class InvitationIn(Input):
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    role: Role = "editor"


class RoleIn(Input):
    role: Role


class OrganizationIn(Input):
    slug: Slug
    name: Filled = Name


class MemberIn(Input):
    email: str = Field(min_length=3, max_length=320)
    name: Filled = Name
    password: str = Field(min_length=12, max_length=200)
    role: Role = "editor"

"""Shapes of the organizer API: what an organizer sends (the domain's input models, here
for the routes) and what the API answers."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from services.events.domain.inputs import (
    AttendanceMode,
    CancelIn,
    EventIn,
    ItemKind,
    ItemSpeakerIn,
    MemberIn,
    OrganizationIn,
    OrganizationRefIn,
    ProgrammeItemIn,
    Role,
    SpeakerIn,
    SpeakerRole,
    TokenIn,
    VenueIn,
)
from shared.contracts import ChangeV1

__all__ = [
    "AttendanceMode",
    "CancelIn",
    "EventIn",
    "EventSaved",
    "EventSummary",
    "ItemKind",
    "ItemSpeakerIn",
    "MemberIn",
    "MemberOut",
    "NewTokenOut",
    "OrganizationIn",
    "OrganizationOut",
    "OrganizationRefIn",
    "ProgrammeItemIn",
    "RevisionOut",
    "Role",
    "SpeakerIn",
    "SpeakerOut",
    "SpeakerRole",
    "TokenIn",
    "TokenOut",
    "VenueIn",
    "VenueOut",
    "WarningOut",
]


class EventSummary(BaseModel):
    id: str
    slug: str
    title: str
    status: str
    starts_at: datetime
    revision: int


class WarningOut(BaseModel):
    """Something in the event that may be a mistake, or right on purpose: the event was
    saved all the same. `item` is the programme item's id (null: the event itself)."""

    code: Literal[
        "event_in_past",
        "before_start",
        "after_end",
        "room_overlap",
        "speaker_elsewhere",
        "break_with_speakers",
    ]
    item: int | None
    it: str
    en: str


class EventSaved(EventSummary):
    """The saved event, and what in it may be a mistake (overlaps in one room, items
    outside the event's time, a person in two places, a break with speakers, an event
    wholly in the past): warnings, never refusals."""

    warnings: list[WarningOut]


class RevisionOut(BaseModel):
    revision: int
    created_at: datetime
    author: str
    calendar_relevant: bool
    notified: bool = True  # False: published with ?notify=false, participants not told
    changes: list[ChangeV1]


class OrganizationOut(BaseModel):
    id: int
    slug: str
    name: str


class MemberOut(BaseModel):
    email: str
    name: str
    role: str


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

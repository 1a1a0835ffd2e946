"""Shapes of the organizer API: what an organizer sends (the domain's input models, here
for the routes) and what the API answers."""

from datetime import datetime

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
]


class EventSummary(BaseModel):
    id: str
    slug: str
    title: str
    status: str
    starts_at: datetime
    revision: int


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

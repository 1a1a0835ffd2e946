"""Shapes of the organizer API: what an organizer sends for events, speakers and venues (the
domain's input models), and for cancelling, tokens, organizations and members."""

from typing import Literal

from pydantic import Field

from services.events.domain.inputs import (
    AttendanceMode,
    EventIn,
    Input,
    ItemKind,
    ItemSpeakerIn,
    Line,
    Name,
    OrganizationRefIn,
    ProgrammeItemIn,
    Slug,
    SpeakerIn,
    SpeakerRole,
    VenueIn,
)

Role = Literal["owner", "editor", "viewer"]

__all__ = [
    "AttendanceMode",
    "CancelIn",
    "EventIn",
    "ItemKind",
    "ItemSpeakerIn",
    "MemberIn",
    "OrganizationIn",
    "OrganizationRefIn",
    "ProgrammeItemIn",
    "Role",
    "SpeakerIn",
    "SpeakerRole",
    "TokenIn",
    "VenueIn",
]


class CancelIn(Input):
    reason: Line | None = Field(default=None, max_length=500)


class TokenIn(Input):
    name: Line = Field(min_length=1, max_length=100)
    role: Literal["editor", "viewer"] = "editor"


class OrganizationIn(Input):
    slug: Slug
    name: Line = Name


class MemberIn(Input):
    email: str = Field(min_length=3, max_length=320)
    name: Line = Name
    password: str = Field(min_length=12, max_length=200)
    role: Role = "editor"

"""Shapes of the registrations API: what a person or an organizer sends, what the API
answers. The form definition's shapes are the domain's (domain/inputs.py), here for the
routes."""

import json
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from services.registrations.domain.inputs import (
    FormShape,
    OptionShape,
    QuestionShape,
    SettingsShape,
)
from services.registrations.domain.ticket_codes import spoken
from services.registrations.storage.tables import Registration
from shared.web.inputs import JsonBool, JsonFloat

__all__ = [
    "Accessibility",
    "AlreadyIn",
    "Attendance",
    "Availability",
    "CheckInRequest",
    "CheckedIn",
    "FormShape",
    "OptionShape",
    "QuestionShape",
    "RegistrationCreated",
    "RegistrationOut",
    "RegistrationRequest",
    "SettingsShape",
    "SummaryOut",
]

PERSONAL = ("first_name", "last_name", "email", "phone", "organization", "role")


# The public API: register, and read an event's availability.


class RegistrationRequest(BaseModel):
    first_name: str = Field(max_length=10_000)
    last_name: str = Field(max_length=10_000)
    email: str = Field(max_length=10_000)
    phone: str | None = Field(default=None, max_length=10_000)
    organization: str | None = Field(default=None, max_length=10_000)
    role: str | None = Field(default=None, max_length=10_000)
    mode: Literal["in_person", "online"] | None = None
    accessibility: list[str] = Field(default_factory=list, max_length=10)
    accessibility_other: str | None = Field(default=None, max_length=10_000)
    privacy_consent: JsonBool
    marketing_consent: JsonBool = False
    accept_waitlist: JsonBool = False
    answers: dict[str, str | list[str]] = Field(default_factory=dict, max_length=100)
    # The sessions with seats chosen (programme item ids); none overlapping in time.
    sessions: list[Annotated[int, Field(ge=1, le=999_999_999)]] = Field(
        default_factory=list, max_length=50
    )
    language: Literal["it", "en"] = "it"

    def fields(self) -> dict[str, object]:
        """The request as form fields, so the API and the form share one validation."""
        given = self.model_dump(exclude={"answers", "language"}, exclude_none=True)
        flags = ("privacy_consent", "marketing_consent", "accept_waitlist")
        given.update({flag: "on" if getattr(self, flag) else "" for flag in flags})
        given.update({f"q{key}": value for key, value in self.answers.items()})
        return given


class RegistrationCreated(BaseModel):
    id: str
    status: str  # confirmed, pending (check your email), waitlisted
    event_id: str
    already_registered: bool = False
    waitlist_place: int | None = None


class Availability(BaseModel):
    event_id: str
    state: str
    capacity: int
    seats_left: int
    online_capacity: int | None
    online_seats_left: int | None


# The organizers' API: registrations, the summary, check-in at the door.


class RegistrationOut(BaseModel):
    """A registration as organizers see it; personal fields are null once erased."""

    id: str
    status: str
    mode: str
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    organization: str | None
    role: str | None
    accessibility: list[str]
    accessibility_other: str | None
    language: str
    marketing_consent: bool
    waitlist_position: int | None
    confirm_by: datetime | None
    offer_expires_at: datetime | None
    created_at: datetime
    checked_in_at: datetime | None
    checked_in_by: str | None
    cancelled_at: datetime | None
    erased_at: datetime | None
    ticket_code: str  # the short code, as printed on the ticket and taken at the door
    answers: dict[str, str | list[str]] | None = None  # by question id; in the detail only

    @classmethod
    def of(
        cls, registration: Registration, answers: dict[str, str | list[str]] | None = None
    ) -> "RegistrationOut":
        values = registration.model_dump(exclude={"accessibility", "ticket_code"})
        values["ticket_code"] = spoken(registration.short_code)
        if registration.erased_at is not None:
            values.update(dict.fromkeys(PERSONAL), accessibility_other=None)
        return cls(**values, accessibility=json.loads(registration.accessibility), answers=answers)


class Accessibility(BaseModel):
    sign_language: int
    wheelchair: int
    hearing_loop: int
    other: int
    other_texts: list[str]


class Attendance(BaseModel):
    checked_in: int
    confirmed: int


class SummaryOut(BaseModel):
    """By status over every registration; by mode, organization and needs over the active
    ones (not cancelled, expired or lapsed)."""

    by_status: dict[str, int]
    by_mode: dict[str, int]
    by_organization: dict[str, int]
    accessibility: Accessibility
    attendance: Attendance


class CheckInRequest(BaseModel):
    code: str | None = Field(
        default=None,
        max_length=200,
        description="The ticket's short code as printed (7KQ4-M2XD-P; any case, dashes or "
        "spaces optional), or the text of its QR code (CVG1:...)",
    )
    registration_id: str | None = Field(default=None, max_length=36)


class CheckedIn(BaseModel):
    registration_id: str
    name: str | None  # None once the person's data was erased
    checked_in_at: datetime


class CheckedOut(BaseModel):
    registration_id: str
    name: str | None  # None once the person's data was erased
    checked_out_at: datetime


class AlreadyIn(BaseModel):
    detail: str
    checked_in_at: datetime  # since when the person is inside (their entry today)
    errors: list[str] = []


class PersonAttendanceOut(BaseModel):
    registration_id: str
    name: str | None  # None once the person's data was erased
    attended_minutes: int
    share: float  # of the scheduled time, 0 to 1
    meets_minimum: bool
    unpaired_scans: int  # a forgotten exit, an exit with no entry: counted as nothing


class AttendanceReport(BaseModel):
    scheduled_minutes: int  # the programme's taught time
    minimum_share: float
    people: list[PersonAttendanceOut]


class ScanIn(BaseModel):
    """A scan the door missed, added by an organizer."""

    at: datetime = Field(
        description="When; without an offset, the event's local time (as its programme)"
    )
    leaving: JsonBool


class ScanOut(BaseModel):
    id: int
    registration_id: str
    at: datetime
    leaving: bool
    by_hand: bool


class SignatoryIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    role: str = Field(min_length=1, max_length=200)


class CertificateSettingsIn(BaseModel):
    """Whether the event issues certificates of attendance, to whom, and what they say."""

    issued: JsonBool = False
    minimum_share: JsonFloat = Field(
        default=0.8, ge=0.5, le=1, description="of the programme's scheduled time (0.8: 80%)"
    )
    credits: str = Field(default="", max_length=20, description='as stated: "4", "3,5"')
    accreditation: str = Field(
        default="",
        max_length=500,
        description="the accrediting body's text, e.g. Evento accreditato dal CROAS Lombardia",
    )
    signatories: list[SignatoryIn] = Field(default_factory=list, max_length=3)
    explain_shortfall: JsonBool = Field(
        default=False, description="email those short of the minimum why they get none"
    )


class CertificateSettingsOut(CertificateSettingsIn):
    closed_at: datetime | None  # when attendance was closed and certificates issued


class AttendanceClosedOut(BaseModel):
    certificates_issued: int


class RevokeIn(BaseModel):
    reason: str = Field(default="", max_length=500, description="shown on the verification page")


class RevokedOut(BaseModel):
    certificate_id: str
    revoked_at: datetime


class CertificateOut(BaseModel):
    id: str
    registration_id: str
    name: str | None  # None once the person's data was erased
    code: str  # what the verification page reads
    minutes_attended: int
    minutes_scheduled: int
    issued_at: datetime
    released_at: datetime | None  # None: held until the person answers the questionnaire
    revoked_at: datetime | None


def person_name(registration: Registration) -> str | None:
    """The name an organizer's answer shows; None once the person's data was erased."""
    if registration.erased_at is not None:
        return None
    return f"{registration.first_name} {registration.last_name}"

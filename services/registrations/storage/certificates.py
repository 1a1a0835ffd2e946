"""The tables of certificates of attendance: what an event's certificates say and require,
each certificate issued (its row is what the public verification page reads), and the
feedback questionnaire's answers, kept apart from who gave them."""

from datetime import datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from shared.db import utc_column


class CertificateSettings(SQLModel, table=True):
    """Whether an event issues certificates, who gets one, and what they say. `closed_at`:
    when an organizer closed attendance and the certificates were issued (once)."""

    __tablename__ = "certificate_settings"

    event_id: str = Field(primary_key=True, max_length=36)
    issued: bool = False
    minimum_share: float = 0.8  # of the programme's scheduled time
    credits: str = Field(default="", max_length=20)  # as the accrediting body states them
    accreditation: str = Field(default="", max_length=500)  # "Evento accreditato dal CROAS..."
    # JSON list of {"name", "role", "signature"}, the last the digest of its image, if any
    signatories: str = Field(default="[]", max_length=2000)
    logo: str = Field(default="", max_length=64)  # the digest of the logo's image, if any
    closed_at: datetime | None = Field(default=None, sa_column=utc_column())
    # The feedback questionnaire: a JSON list of questions (domain/questionnaire.py), and
    # whether a certificate waits for the person's answers before it is released.
    questionnaire: str = Field(default="[]", max_length=8000)
    questionnaire_required: bool = False
    # Whom attendance left short of the minimum is told so, by email (else told nothing).
    explain_shortfall: bool = False


class CertificateImage(SQLModel, table=True):
    """An image certificates carry (a logo, a signature), named by its digest (SHA-256):
    never changed, so a certificate naming it always reads the same picture."""

    __tablename__ = "certificate_image"

    digest: str = Field(primary_key=True, max_length=64)
    media_type: str = Field(max_length=20)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Certificate(SQLModel, table=True):
    """One person's certificate of one event. `serial` is the public half of its
    verification code (domain/certificate_codes.py); the other half is a signature."""

    __tablename__ = "certificate"
    __table_args__ = (UniqueConstraint("event_id", "registration_id"),)

    id: str = Field(primary_key=True, max_length=36)
    serial: str = Field(max_length=20, unique=True)
    event_id: str = Field(max_length=36, index=True)
    registration_id: str = Field(foreign_key="registration.id", max_length=36)
    minutes_attended: int
    minutes_scheduled: int
    credits: str = Field(default="", max_length=20)
    issued_at: datetime = Field(sa_column=utc_column(nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column())
    revoked_reason: str = Field(default="", max_length=500)
    # When it reached its person (its fact published): at issue, or once they answered the
    # questionnaire the event requires; until then no page shows or serves it.
    released_at: datetime | None = Field(default=None, sa_column=utc_column())


class FeedbackResponse(SQLModel, table=True):
    """One person's answers to an event's questionnaire, with nothing that names them: a
    random id, no time, and (on SQLite) no rowid that would keep the order of arrival."""

    __tablename__ = "feedback_response"
    __table_args__ = {"sqlite_with_rowid": False}

    id: str = Field(primary_key=True, max_length=36)
    event_id: str = Field(max_length=36, index=True)
    answers: str = Field(max_length=20000)  # JSON: question key -> rating (1-5) or text


class FeedbackGiven(SQLModel, table=True):
    """That a person answered (so they answer once, and their certificate is released),
    without saying what: nothing joins it to their response."""

    __tablename__ = "feedback_given"
    __table_args__ = {"sqlite_with_rowid": False}

    event_id: str = Field(primary_key=True, max_length=36)
    registration_id: str = Field(primary_key=True, max_length=36)


class OnlineAttendance(SQLModel, table=True):
    """The minutes a person attended online, as the video platform's report says (the
    latest report an organizer uploaded for them)."""

    __tablename__ = "online_attendance"

    event_id: str = Field(primary_key=True, max_length=36)
    registration_id: str = Field(primary_key=True, max_length=36)
    minutes: int
    recorded_at: datetime = Field(sa_column=utc_column(nullable=False))
    recorded_by: str = Field(max_length=320)

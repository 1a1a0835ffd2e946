"""Registrations and the answers to custom questions."""

import uuid
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from services.registrations.domain.registration_life import Status
from shared.db import utc_column, utc_now


class Registration(SQLModel, table=True):
    """One person at one event. Its status moves only through domain/registration_life.py
    (pending -> confirmed; waitlisted -> offered -> confirmed; then cancelled, expired or
    lapsed).
    Personal fields are emptied on erasure (`erased_at`); status, mode and check-in stay
    for the counts."""

    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("event_id", "email_key"),)

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), primary_key=True, max_length=36)
    event_id: str = Field(foreign_key="event_copy.event_id", index=True, max_length=36)
    status: str = Field(default=Status.CONFIRMED.value, max_length=20, index=True)
    mode: str = Field(default="in_person", max_length=20)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    email: str = Field(max_length=320)
    email_key: str = Field(max_length=320)  # normalized, for "one person, one registration"
    phone: str | None = Field(default=None, max_length=40)
    organization: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=200)
    accessibility: str = Field(default="[]")  # JSON list of needs
    accessibility_other: str | None = Field(default=None, max_length=500)
    language: str = Field(default="it", max_length=5)
    privacy_notice_version: str = Field(default="", max_length=40)
    privacy_consent_at: datetime = Field(sa_column=utc_column(nullable=False))
    marketing_consent: bool = False
    waitlist_position: int | None = None  # arrival order among the waitlisted
    confirm_by: datetime | None = Field(default=None, sa_column=utc_column())
    offer_expires_at: datetime | None = Field(default=None, sa_column=utc_column())
    offers: int = 0
    mode_changes: int = 0
    renewals: int = 0  # registered again after ending; keeps each round's messages apart
    ticket_code: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=40)
    checked_in_at: datetime | None = Field(default=None, sa_column=utc_column())
    checked_in_by: str | None = Field(default=None, max_length=320)
    cancelled_at: datetime | None = Field(default=None, sa_column=utc_column())
    erased_at: datetime | None = Field(default=None, sa_column=utc_column())
    last_resent_at: datetime | None = Field(default=None, sa_column=utc_column())
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


class Answer(SQLModel, table=True):
    __tablename__ = "answer"

    registration_id: str = Field(foreign_key="registration.id", primary_key=True, max_length=36)
    question_id: int = Field(foreign_key="question.id", primary_key=True)
    value: str = Field(max_length=5000)  # text, or a JSON list for multiple choice

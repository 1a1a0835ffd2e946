"""What lets organizers in here, and what makes a repeated API call harmless."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from shared.db import utc_column, utc_now


class OrganizerToken(SQLModel, table=True):
    """A copy of an organization's API token hash, heard from the events service."""

    __tablename__ = "organizer_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    organization_slug: str = Field(max_length=80)
    role: str = Field(max_length=20)
    revoked: bool = False


class IdempotentRequest(SQLModel, table=True):
    """The answer given to a request with an Idempotency-Key, to give again on a retry."""

    __tablename__ = "idempotent_request"

    key: str = Field(primary_key=True, max_length=200)  # event id + the client's key
    request_hash: str = Field(max_length=64)
    status_code: int
    body: str
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))

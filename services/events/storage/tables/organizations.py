"""Organizations and the people and tokens that act for them."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from shared.db import utc_column, utc_now


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    name: str = Field(max_length=200)


class Account(SQLModel, table=True):
    """An organizer who logs in to the console; the password is an argon2 hash."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


class Membership(SQLModel, table=True):
    """An account's role in one organization: owner, editor or viewer."""

    __tablename__ = "membership"

    account_id: int = Field(foreign_key="account.id", primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", primary_key=True)
    role: str = Field(max_length=20)


class LoginSession(SQLModel, table=True):
    """A logged-in browser; the cookie holds a random token, this row only its hash."""

    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    expires_at: datetime = Field(sa_column=utc_column(nullable=False))


class ApiToken(SQLModel, table=True):
    """An integration's key to one organization; shown once, stored as a hash, revocable."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(max_length=100)
    prefix: str = Field(max_length=20)  # shown in lists so people can tell tokens apart
    token_hash: str = Field(max_length=64, unique=True)
    role: str = Field(default="editor", max_length=20)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column())

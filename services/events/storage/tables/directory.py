"""An organization's directories: speakers and venues (with their rooms), reused by events."""

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Speaker(SQLModel, table=True):
    """A person in an organization's speaker directory, reused across its events."""

    __tablename__ = "speaker"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    honorific: str | None = Field(default=None, max_length=30)
    name: str = Field(max_length=200)
    position: str | None = Field(default=None, max_length=300)
    affiliation: str | None = Field(default=None, max_length=300)
    bio: str | None = Field(default=None, max_length=2000)
    photo_url: str | None = Field(default=None, max_length=500)


class Venue(SQLModel, table=True):
    __tablename__ = "venue"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(max_length=200)
    building: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=300)
    map_url: str | None = Field(default=None, max_length=500)


class Room(SQLModel, table=True):
    """A room inside a venue ("Sala A"); programme items may name one."""

    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("venue_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venue.id", index=True)
    name: str = Field(max_length=200)

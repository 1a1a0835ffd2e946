"""The tables of sessions people sign up for (a workshop table of 30 in a programme of
parallel sessions): each session's seats, counted like the event's with conditional UPDATEs,
and each person's choices, confirmed or waiting in the session's own line."""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from shared.db import utc_column


class SessionSeats(SQLModel, table=True):
    """One session's seats: `capacity` as the programme gives it, `taken` by confirmed
    choices, and `waitlist_counter` handing out places in its line in arrival order."""

    __tablename__ = "session_seats"

    event_id: str = Field(primary_key=True, max_length=36)
    item_id: int = Field(primary_key=True)
    capacity: int
    taken: int = 0
    waitlist_counter: int = 0


class SessionChoice(SQLModel, table=True):
    """A person's choice of one session: `seated` (they hold one of its seats), or waiting
    at `position` in the session's line (lower comes first); `checked_in_at`, when the
    organizer checks people in at the session's door, their arrival."""

    __tablename__ = "session_choice"
    __table_args__ = (Index("ix_session_choice_line", "event_id", "item_id", "seated", "position"),)

    registration_id: str = Field(primary_key=True, max_length=36)
    item_id: int = Field(primary_key=True)
    event_id: str = Field(max_length=36)
    seated: bool
    position: int | None = None
    chosen_at: datetime = Field(sa_column=utc_column(nullable=False))
    checked_in_at: datetime | None = Field(default=None, sa_column=utc_column())


class SessionAgenda(SQLModel, table=True):
    """A person's sessions as a whole: `version` counts the changes to their choices, each
    change told once on the bus with the number it got (SessionsChangedV1). Its row is
    taken, after the sessions' own rows, by every transaction that changes the person's
    choices, so two of them are told in the order they committed."""

    __tablename__ = "session_agenda"

    registration_id: str = Field(primary_key=True, max_length=36)
    event_id: str = Field(max_length=36)
    version: int = 0

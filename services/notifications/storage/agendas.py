"""Each person's sessions as heard from registrations (SessionsChangedV1): the version last
heard, and each session they hold or held a seat in, so that a session taken is mailed its
invite, a session left its withdrawal, and a session the organizer moves its new time."""

from sqlmodel import Field, SQLModel


class Agenda(SQLModel, table=True):
    """The newest version of a registration's sessions heard: an older fact changes nothing."""

    __tablename__ = "agenda"

    registration_id: str = Field(primary_key=True, max_length=36)
    version: int


class AgendaSession(SQLModel, table=True):
    """A session a person holds a seat in (`seated`), or held one in, by programme item id."""

    __tablename__ = "agenda_session"

    registration_id: str = Field(primary_key=True, max_length=36)
    item_id: int = Field(primary_key=True)
    event_id: str = Field(max_length=36, index=True)
    seated: bool

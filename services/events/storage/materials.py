"""The documents attached to programme items (slides, papers): PDFs kept in the database
itself, so that a backup of the database holds them and every replica serves them."""

from datetime import datetime

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel

from shared.db import utc_column, utc_now


class Material(SQLModel, table=True):
    """One PDF of one programme item: its title as listed, its file name, its bytes."""

    __tablename__ = "material"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True, max_length=36)
    item_id: int = Field(foreign_key="programme_item.id", index=True)
    title: str = Field(max_length=200)
    filename: str = Field(max_length=200)
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))

"""The documents attached to programme items (slides, papers): PDFs kept in the database
itself, so that a backup of the database holds them and every replica serves them.

A table, not a model class as its neighbours are: nothing handles a material as an object
(it is listed by its columns, added, removed, its bytes served), and a table model would
build a pydantic model and an ORM mapper in every process for nothing (~0.15 MiB measured,
which put the service over its memory target at rest)."""

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, MetaData, Table
from sqlmodel import AutoString

from shared.db import UTCDateTime, utc_now


def material_table(metadata: MetaData) -> Table:
    """The table, on the service's `metadata` (storage/tables.py: METADATA, MATERIAL)."""
    return Table(
        "material",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("event_id", AutoString(36), ForeignKey("event.id"), nullable=False, index=True),
        Column("item_id", Integer, ForeignKey("programme_item.id"), nullable=False, index=True),
        Column("title", AutoString(200), nullable=False),
        Column("filename", AutoString(200), nullable=False),
        Column("size", Integer, nullable=False),
        Column("content", LargeBinary, nullable=False),
        Column("uploaded_at", UTCDateTime(), nullable=False, default=utc_now),
    )

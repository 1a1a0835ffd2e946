"""Speaker and venue rows read and written as the fields an organizer gives them: the one
place where the input's names meet the columns'. A field the table does not store (a
venue's rooms, kept in a table of their own) is left to the caller."""

from typing import Any

from pydantic import BaseModel
from sqlmodel import SQLModel

from services.events.storage.tables import Speaker

# An input field -> its column, where the names differ.
RENAMED: dict[type[SQLModel], dict[str, str]] = {Speaker: {"organization": "affiliation"}}


def stored(model: type[BaseModel], table: type[SQLModel]) -> list[tuple[str, str]]:
    """(input field, column) for each field of `model` that `table` stores."""
    renamed = RENAMED.get(table, {})
    pairs = [(name, renamed.get(name, name)) for name in model.model_fields]
    return [(name, column) for name, column in pairs if column in table.model_fields]


def read_fields(row: SQLModel, model: type[BaseModel]) -> dict[str, Any]:
    """The row's stored fields, as `model` names them."""
    return {name: getattr(row, column) for name, column in stored(model, type(row))}


def write_fields(row: SQLModel, given: BaseModel) -> None:
    """The input's stored fields, onto the row."""
    for name, column in stored(type(given), type(row)):
        setattr(row, column, getattr(given, name))

"""Rows read as the plain data the domain works on: a frozen dataclass holding the row's
fields of the same names, and back into column values."""

from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    Plain = TypeVar("Plain", bound=DataclassInstance)
else:
    Plain = TypeVar("Plain")


def plain(kind: type[Plain], row: object) -> Plain:
    """The `kind` of plain data a row holds, read field by field."""
    return kind(**{field.name: getattr(row, field.name) for field in fields(kind)})


def columns(data: "DataclassInstance") -> dict[str, Any]:
    """Plain data as the column values it is stored in."""
    return asdict(data)

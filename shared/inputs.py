"""JSON input read as the OpenAPI schema describes it. Pydantic's lax mode would also take
"12" or true for an integer and 0 or "yes" for a boolean, which the schema refuses: these
types take what the schema says and nothing else. Plain pydantic, so that domain models
use them as well as the web layer."""

from typing import Annotated

from pydantic import BeforeValidator, Field, Strict


def json_number(value: object) -> object:
    """A JSON number: not a string of digits, not true or false."""
    if isinstance(value, str | bool):
        raise ValueError("must be a number")
    return value


# An optional field's bounds go inside, Annotated[int, Field(ge=...), BeforeValidator(...)]:
# given to the field, pydantic writes them into its schema as unknown keys, not as bounds.
JsonInt = Annotated[int, BeforeValidator(json_number)]  # 3 or 3.0, as JSON Schema has it
JsonFloat = Annotated[float, BeforeValidator(json_number)]
JsonBool = Annotated[bool, Strict()]
# Row ids are PostgreSQL integers: a larger number names no row, and must not reach the SQL.
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID), BeforeValidator(json_number)]
RowIdInPath = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]  # a path is text: "12" is 12

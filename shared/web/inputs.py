"""The JSON input types, for the web layer: they live in shared/inputs.py, where domain models
can use them without importing the web layer."""

from shared.inputs import (
    MAX_ROW_ID,
    JsonBool,
    JsonFloat,
    JsonInt,
    RowId,
    RowIdInPath,
    json_number,
)

__all__ = ["MAX_ROW_ID", "JsonBool", "JsonFloat", "JsonInt", "RowId", "RowIdInPath", "json_number"]

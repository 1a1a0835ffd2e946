"""Requests built from a service's OpenAPI document: a JSON body with every field of the
operation filled in, texts and times with the values a test chooses, and its query
parameters by name."""

import json
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 4  # the programme nests items in items: enough of it to reach every field


@dataclass(frozen=True)
class Fill:
    """What goes in each kind of field: any text, and a date-time."""

    text: str
    moment: str = "2026-11-30T09:00:00"


class Document:
    """One service's OpenAPI document, read for the operations of its route table."""

    def __init__(self, openapi: dict[str, Any]) -> None:
        self.openapi = openapi

    def operation(self, method: str, path: str) -> dict[str, Any]:
        """The operation, or {} for a route the document leaves out (pages, forms)."""
        return dict(self.openapi["paths"].get(path, {}).get(method.lower(), {}))

    def body_schema(self, method: str, path: str) -> dict[str, Any] | None:
        content = self.operation(method, path).get("requestBody", {}).get("content", {})
        return content.get("application/json", {}).get("schema")

    def query_names(self, method: str, path: str) -> list[str]:
        parameters = self.operation(method, path).get("parameters", [])
        return [parameter["name"] for parameter in parameters if parameter["in"] == "query"]

    def has_moments(self, method: str, path: str) -> bool:
        """Whether the operation's body takes a date or a time anywhere."""
        schema = self.body_schema(method, path)
        marked = Fill(text="", moment="<a moment>")
        return schema is not None and "<a moment>" in json.dumps(self.filled(schema, marked))

    def filled(self, schema: dict[str, Any], fill: Fill, depth: int = 0) -> Any:
        """A value for `schema`: objects with all their properties, one item per list."""
        schema = self._resolved(schema)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:  # its oneOf only says which to give
            if depth >= MAX_DEPTH:
                return {}
            properties = schema.get("properties", {})
            return {name: self.filled(sub, fill, depth + 1) for name, sub in properties.items()}
        for combined in ("anyOf", "oneOf", "allOf"):
            if combined in schema:
                options = [self._resolved(o) for o in schema[combined]]
                useful = [o for o in options if o.get("type") != "null"] or options
                return self.filled(useful[0], fill, depth)
        if kind == "array":
            return [] if depth >= MAX_DEPTH else [self.filled(schema["items"], fill, depth + 1)]
        if kind == "string":
            return fill.moment if schema.get("format") in ("date-time", "date") else fill.text
        if kind in ("integer", "number"):
            return schema.get("minimum", 1)
        if kind == "boolean":
            return True
        return fill.text

    def _resolved(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.openapi["components"]["schemas"][name]
        return schema

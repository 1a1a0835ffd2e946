"""The speaker and venue forms: their fields from a directory entry, and the input from
them. Both directories are read and written the same way; a field typed one item per line
(a venue's rooms) is a list."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from services.events.web.routes.console.forms import Problems, Rule, from_validation

M = TypeVar("M", bound=BaseModel)
DIRECTORY_RULES = (Rule(r"is already in your directory", "name", "error_name_taken"),)


def form_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The form's fields: the input's, in its order."""
    return tuple(model.model_fields)


def entry_values(model: type[BaseModel], entry: BaseModel | None) -> dict[str, str]:
    """The form's fields as an entry fills them: blank for a new one."""
    if entry is None:
        return {name: "" for name in form_fields(model)}
    return {name: _shown(getattr(entry, name)) for name in form_fields(model)}


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(value)
    return "" if value is None else str(value)


def entry_from_values(model: type[M], values: dict[str, str]) -> tuple[M | None, Problems]:
    """The entry the form describes, or None and its problems."""
    data = {name: _typed(model, name, values.get(name, "")) for name in form_fields(model)}
    problems = Problems()
    try:
        return model.model_validate(data), problems
    except ValidationError as error:
        from_validation(problems, error, lambda loc: str(loc[0]) if loc else None)
        return None, problems


def _typed(model: type[BaseModel], name: str, typed: str) -> object:
    """A line of text (None when blank), or one item per non-blank line for a list."""
    if _is_list(model, name):
        return [line.strip() for line in typed.splitlines() if line.strip()]
    return typed.strip() or None


def _is_list(model: type[BaseModel], name: str) -> bool:
    return getattr(model.model_fields[name].annotation, "__origin__", None) is list

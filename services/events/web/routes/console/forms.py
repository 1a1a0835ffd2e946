"""Submitted form fields as typed values, and every problem with them tied to its field.

A form page shows the problems in a summary at the top, each linking to its field, and
marks those fields aria-invalid; the values stay as they were typed.
"""

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TypeVar

from pydantic import ValidationError
from starlette.datastructures import FormData

from services.events.domain.validation import FIRST_YEAR, LAST_YEAR
from shared.errors import UserFacingError

T = TypeVar("T")
D = TypeVar("D", date, datetime)

# Pydantic's error types, said in the console's words.
_ERROR_KEYS = {
    "missing": "error_required",
    "string_too_short": "error_required",
    "string_too_long": "error_too_long",
    "string_pattern_mismatch": "error_format",
    "int_parsing": "error_number",
    "int_from_float": "error_number",
    "greater_than_equal": "error_too_small",
    "less_than_equal": "error_too_big",
    "literal_error": "error_choice",
    "too_long": "error_too_many",
}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: its field (None: the whole form), a message key or the use
    case's own words, and values for the message."""

    field: str | None
    key: str = ""
    text: str = ""
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def label(self) -> str:
        """The message key of the field's label ('speaker_2' is labelled 'field_speaker')."""
        return "field_" + re.sub(r"_\d+$", "", self.field or "form")


class Problems(list[Problem]):
    def on(self, name: str) -> Problem | None:
        """The first problem of field `name`, for its message and aria-invalid."""
        return next((p for p in self if p.field == name), None)

    def add(self, name: str | None, key: str, **values: str) -> None:
        self.append(Problem(name, key, values=values))

    def in_order(self, names: tuple[str, ...]) -> "Problems":
        """The problems in the order of the form's fields, the form's own ones first."""
        place = {name: index for index, name in enumerate(names)}
        return Problems(sorted(self, key=lambda p: place.get(p.field or "", -1)))


def form_values(form: FormData, names: Iterable[str]) -> dict[str, str]:
    """The fields of a form as strings ('' when absent), nothing else of what was sent."""
    return {name: str(form.get(name) or "") for name in names}


class Reader:
    """Reads form strings into typed values; a value that cannot be read is noted and None."""

    def __init__(self, values: Mapping[str, str], problems: Problems) -> None:
        self.values = values
        self.problems = problems

    def text(self, name: str) -> str | None:
        return self.values.get(name, "").strip() or None

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name))

    def integer(self, name: str) -> int | None:
        return self._parse(name, int, "error_number")

    def number(self, name: str) -> float | None:
        return self._parse(name, float, "error_number")

    def day(self, name: str) -> date | None:
        return self._in_years(name, self._parse(name, date.fromisoformat, "error_date"))

    def clock(self, name: str) -> time | None:
        return self._parse(name, _hh_mm, "error_time")

    def moment(self, name: str) -> datetime | None:
        return self._in_years(name, self._parse(name, datetime.fromisoformat, "error_moment"))

    def items(self, name: str) -> list[str]:
        """A comma-separated list, blanks dropped."""
        return [part.strip() for part in self.values.get(name, "").split(",") if part.strip()]

    def _parse(self, name: str, parse: Callable[[str], T], key: str) -> T | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return parse(raw)
        except ValueError:
            self.problems.add(name, key)
            return None

    def _in_years(self, name: str, day: D | None) -> D | None:
        """The day, if its year is one an event can be in (as check_event wants); else the
        field's problem, said on the field rather than on every time built from it."""
        if day is None or FIRST_YEAR <= day.year <= LAST_YEAR:
            return day
        self.problems.add(name, "error_year_range", first=str(FIRST_YEAR), last=str(LAST_YEAR))
        return None


def _hh_mm(raw: str) -> time:
    return time.fromisoformat(raw).replace(second=0, microsecond=0)


def from_validation(
    problems: Problems, error: ValidationError, where: Callable[[tuple[object, ...]], str | None]
) -> None:
    """Add pydantic's errors, each on the field `where` finds for its location; a field
    that already has a problem (it could not be read) keeps only that one."""
    for detail in error.errors():
        name = where(tuple(detail["loc"]))
        if name is not None and problems.on(name):
            continue
        key = _ERROR_KEYS.get(detail["type"], "error_invalid")
        if detail["type"].endswith("_type") and detail.get("input") is None:
            key = "error_required"
        problems.add(name, key)


@dataclass(frozen=True)
class Rule:
    """A refusal's English words (a regex) -> the field it is about and our message key."""

    pattern: str
    field: str | None
    key: str


def from_refusal(refusal: UserFacingError, rules: Iterable[Rule]) -> Problems:
    """A use case's refusal as problems: known sentences translated, others as they are."""
    problems = Problems()
    known = list(rules)
    for sentence in refusal.details or [refusal.message]:
        rule, found = next(
            ((r, m) for r in known if (m := re.search(r.pattern, sentence))), (None, None)
        )
        if rule and found:
            problems.append(Problem(rule.field, rule.key, values=found.groupdict()))
        else:
            problems.append(Problem(None, text=sentence))
    return problems

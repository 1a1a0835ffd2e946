"""The registration form's rules: what is required, how long, what an address looks like,
which answers the organizer's questions accept. Errors are codes per field; pages turn them
into words in the reader's language."""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, cast

from services.registrations.domain.email_address import normalized_email
from services.registrations.domain.registration_life import modes_of

LIMITS = {
    "first_name": 100,
    "last_name": 100,
    "email": 320,
    "phone": 40,
    "organization": 200,
    "role": 200,
    "accessibility_other": 500,
}
REQUIRED = ("first_name", "last_name", "email")
ACCESSIBILITY = ("sign_language", "wheelchair", "hearing_loop", "other")
HONEYPOT = "website"  # hidden from people; only bots fill it in
# Control characters (line breaks included) have no place in a name and would break headers.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
PHONE = re.compile(r"^\+?[0-9 ./()-]{5,40}$")
TRUE = ("on", "true", "yes", "1")


class Fields(Protocol):
    """Submitted fields: one value or several per name (a form, or JSON turned into one)."""

    def get(self, name: str) -> str | None: ...

    def getlist(self, name: str) -> list[str]: ...


class FieldMap:
    """Fields from a plain mapping (JSON, tests): a list value is several values."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self._values = values

    def get(self, name: str) -> str | None:
        value = self._values.get(name)
        if isinstance(value, list):
            return str(value[0]) if value else None
        return None if value is None else str(value)

    def getlist(self, name: str) -> list[str]:
        value = self._values.get(name)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def as_fields(given: Fields | Mapping[str, object]) -> Fields:
    # Told apart by `getlist`, which a plain mapping lacks: an isinstance check against the
    # Protocol inspects its members on every call, a hundredth of a registration's CPU.
    if hasattr(given, "getlist"):  # a submitted form (several values per name)
        return cast(Fields, given)
    return FieldMap(given)


@dataclass(frozen=True)
class AskedQuestion:
    """One of the organizer's own questions, as the form's rules read it."""

    id: int
    kind: str  # short_text, long_text, single, multiple, yes_no
    required: bool = False
    choices: frozenset[str] = frozenset()  # the option values a choice accepts


@dataclass(frozen=True)
class RegistrationInput:
    first_name: str
    last_name: str
    email: str
    organization: str | None
    privacy_consent: bool
    phone: str | None = None
    role: str | None = None
    mode: str = "in_person"
    accessibility: tuple[str, ...] = ()
    accessibility_other: str | None = None
    marketing_consent: bool = False
    accept_waitlist: bool = False
    answers: dict[int, str] = field(default_factory=dict)  # question id -> text or JSON list
    sessions: tuple[int, ...] = ()  # the programme items (sessions with seats) chosen
    # The privacy notice version the form showed (None from clients that do not say).
    privacy_version_read: int | None = None


def in_language(italian: str, english: str, lang: str) -> str:
    """An organizer's text written in Italian and English, for a reader of `lang`: other
    readers, and English readers when no English was written, get the Italian."""
    return (english if lang == "en" else "") or italian


def normalize_email(address: str) -> str:
    """The key that makes two spellings of one mailbox the same person."""
    return address.strip().lower()


def is_bot(given: Fields | Mapping[str, object]) -> bool:
    return bool((as_fields(given).get(HONEYPOT) or "").strip())


def check_form(
    given: Fields | Mapping[str, object],
    *,
    attendance_mode: str = "in_person",
    questions: Sequence[AskedQuestion] = (),
) -> tuple[RegistrationInput | None, dict[str, str]]:
    """Validate submitted fields; returns the input, or a code for each field to fix."""
    fields = as_fields(given)
    values = {name: (fields.get(name) or "").strip() for name in LIMITS}
    errors = {name: code for name, code in _field_errors(values).items() if code}
    if (fields.get("privacy_consent") or "") not in TRUE:
        errors["privacy_consent"] = "consent_required"
    mode = _mode(fields, attendance_mode, errors)
    needs = tuple(n for n in fields.getlist("accessibility") if n in ACCESSIBILITY)
    if "other" in needs and not values["accessibility_other"]:
        errors["accessibility_other"] = "required"
    answers = check_answers(fields, questions, errors)
    chosen = fields.getlist("sessions")
    if not all(given.isdigit() and len(given) <= 9 for given in chosen):
        errors["sessions"] = "sessions_invalid"
    if errors:
        return None, errors
    return _input(values, fields, mode, needs, answers), {}


def _input(
    values: dict[str, str],
    fields: Fields,
    mode: str,
    needs: tuple[str, ...],
    answers: dict[int, str],
) -> RegistrationInput:
    return RegistrationInput(
        first_name=values["first_name"],
        last_name=values["last_name"],
        email=normalized_email(values["email"]) or values["email"],
        organization=values["organization"] or None,
        privacy_consent=True,
        phone=values["phone"] or None,
        role=values["role"] or None,
        mode=mode,
        accessibility=needs,
        accessibility_other=values["accessibility_other"] or None,
        marketing_consent=(fields.get("marketing_consent") or "") in TRUE,
        accept_waitlist=(fields.get("accept_waitlist") or "") in TRUE,
        answers=answers,
        sessions=tuple(int(given) for given in fields.getlist("sessions")),
        privacy_version_read=_version_read(fields.get("privacy_version")),
    )


def _version_read(given: str | None) -> int | None:
    """The notice version a form page showed; anything else is as if it said nothing (the
    version in force is recorded then), never an error the person could not fix."""
    text = (given or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


def _field_errors(values: dict[str, str]) -> dict[str, str | None]:
    errors: dict[str, str | None] = {}
    for name, limit in LIMITS.items():
        value = values[name]
        if name in REQUIRED and not value:
            errors[name] = "required"
        elif len(value) > limit:
            errors[name] = "too_long"
        elif name != "email" and CONTROL.search(value):  # the address check covers email
            errors[name] = "invalid_characters"
    if "email" not in errors and not _is_email(values["email"]):
        errors["email"] = "email_invalid"
    if "phone" not in errors and values["phone"] and not PHONE.match(values["phone"]):
        errors["phone"] = "phone_invalid"
    return errors


def _is_email(value: str) -> bool:
    return normalized_email(value) is not None


def _mode(fields: Fields, attendance_mode: str, errors: dict[str, str]) -> str:
    allowed = modes_of(attendance_mode)
    mode = fields.get("mode") or allowed[0]
    if mode not in allowed:
        errors["mode"] = "mode_invalid"
        return allowed[0]
    return mode


def check_answers(
    fields: Fields, questions: Sequence[AskedQuestion], errors: dict[str, str]
) -> dict[int, str]:
    """The answers to the organizer's questions; adds `q<id>` errors for bad ones."""
    answers: dict[int, str] = {}
    for question in questions:
        name = f"q{question.id}"
        answer, code = _answer(question, fields.getlist(name))
        if code:
            errors[name] = code
        elif answer is not None:
            answers[question.id] = answer
    return answers


def _answer(question: AskedQuestion, given: list[str]) -> tuple[str | None, str | None]:
    values = [v.strip() for v in given if v.strip()]
    if not values:
        return None, "required" if question.required else None
    if question.kind == "multiple":
        if not set(values) <= question.choices:
            return None, "choice_invalid"
        return json.dumps(values), None
    value = values[0]
    if question.kind == "single" and value not in question.choices:
        return None, "choice_invalid"
    if question.kind == "yes_no" and value not in ("yes", "no"):
        return None, "choice_invalid"
    limit = 300 if question.kind == "short_text" else 5000
    return (None, "too_long") if len(value) > limit else (value, None)

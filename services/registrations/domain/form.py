"""The registration form's rules: what is required, how long, what an address looks like.

Errors are codes per field; pages turn them into words in the reader's language.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

# Control characters (line breaks included) have no place in a name and would break headers.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")

LIMITS = {"first_name": 100, "last_name": 100, "email": 320, "organization": 200}
REQUIRED = ("first_name", "last_name", "email")


@dataclass(frozen=True)
class RegistrationInput:
    first_name: str
    last_name: str
    email: str
    organization: str | None
    privacy_consent: bool


def normalize_email(address: str) -> str:
    """The key that makes two spellings of one mailbox the same person."""
    return address.strip().lower()


def check_form(raw: Mapping[str, str]) -> tuple[RegistrationInput | None, dict[str, str]]:
    """Validate submitted fields; returns the input or a code for each field to fix."""
    values = {name: (raw.get(name) or "").strip() for name in LIMITS}
    errors = {name: code for name, code in _field_errors(values).items() if code}
    consent = (raw.get("privacy_consent") or "") in ("on", "true", "yes", "1")
    if not consent:
        errors["privacy_consent"] = "consent_required"
    if errors:
        return None, errors
    return (
        RegistrationInput(
            first_name=values["first_name"],
            last_name=values["last_name"],
            email=_email(values["email"]),
            organization=values["organization"] or None,
            privacy_consent=True,
        ),
        {},
    )


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
    return errors


def _is_email(value: str) -> bool:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _email(value: str) -> str:
    return validate_email(value, check_deliverability=False).normalized

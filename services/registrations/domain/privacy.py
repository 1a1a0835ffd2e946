"""The privacy notice (informativa, art. 13 GDPR) a person reads before consenting.

An organization writes its notice (an event may have one of its own); each event gets
numbered versions of what a person reads there, composed of that text, the organization's
name and the event's retention period. A version is never changed: what was consented to
stays readable at its address. Empty texts read the default of the version's `edition`
(catalog keys ending in the edition), so a new wording of the defaults is a new edition and
old versions keep the words they had.
"""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

EDITION = 1
TEXTS = ("purposes", "recipients", "extra")  # written in Italian and in English
LANGUAGES = ("it", "en")
# One line with something on it; or several lines (no other control characters).
_ONE_LINE = r"^[^\x00-\x1f\x7f]*$"
_LINES = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
# One line with a character that is not a space (none of those Python's strip takes away,
# written out: JSON Schema's \s and Rust's differ), so the schema says what "not blank" is.
_NOT_BLANK = (
    r"^[^\x00-\x1f\x7f]*"
    r"[^\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    r"[^\x00-\x1f\x7f]*$"
)


_Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40, pattern=_ONE_LINE)]
_Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=320, pattern=_ONE_LINE)]
_TEXT = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000, pattern=_LINES)]
_NAME = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_NOT_BLANK)
]


class NoticeShape(BaseModel):
    """What an organizer writes; an empty text means the default wording."""

    model_config = ConfigDict(extra="forbid")

    controller_name: _NAME
    controller_address: _Line = ""
    controller_email: _Line = ""
    controller_pec: _Line = ""
    controller_phone: _Short = ""
    dpo_name: _Line = ""
    dpo_contact: _Line = ""
    purposes_it: _TEXT = ""
    purposes_en: _TEXT = ""
    recipients_it: _TEXT = ""
    recipients_en: _TEXT = ""
    extra_it: _TEXT = ""
    extra_en: _TEXT = ""


def default_fields(organization_name: str) -> dict[str, str]:
    """An organization's notice before anyone edits it: its name, nothing invented."""
    blank = {name: "" for name in NoticeShape.model_fields}
    return blank | {"controller_name": organization_name}


def compose(
    *,
    organization: tuple[str, str],
    event: tuple[str, str] | None,
    retention_days: int | None,
    source: str,
    fields: dict[str, str],
) -> dict[str, Any]:
    """One version's whole content (`organization`, `event`: slug and name)."""
    return {
        "edition": EDITION,
        "organization": {"slug": organization[0], "name": organization[1]},
        "event": {"slug": event[0], "title": event[1]} if event else None,
        "retention_days": retention_days,
        "source": source,  # "organization": its notice; "event": the event's own
        "fields": fields,
    }


def is_ours(notice_url: str) -> bool:
    """Whether an event's form links to the notices kept here (the default), rather than
    to a page the organization keeps on its own site."""
    return notice_url in ("", "/privacy") or notice_url.startswith("/privacy/")


def event_notice_path(slug: str, version: int | None = None) -> str:
    base = f"/events/{slug}/privacy"
    return f"{base}/{version}" if version else base


def consented(
    *, slug: str, version: int, notice_url: str, notice_version: str, read: int | None = None
) -> tuple[str, str]:
    """(address, version) a person consents to on an event's form: the version in force
    here, or the organization's own page with the version it declared. `read` is the
    version the form page showed: an organizer may save a new one while the person fills it
    in, and the record must name what they read (every version up to the one in force
    exists, numbered from 1)."""
    if is_ours(notice_url) and version:
        shown = read if read is not None and 1 <= read <= version else version
        return event_notice_path(slug, shown), str(shown)
    return notice_url, notice_version

"""Whether a typed address is an email address, and its normalized form.

email_validator decides, with every rule of RFC 5321/5322 and IDNA. Its IDNA checks walk the
domain a character at a time even when it is plain ASCII: a twentieth of a registration's
CPU. Most addresses are plain (ASCII letters, digits, dots, hyphens, a letters-only
top-level domain), and for those the answer is already known: valid, with the domain in
lower case. A plain address is answered here; anything else (non-ASCII, quoted, a
special-use domain, a long or unusual one) goes to email_validator. A test holds the two to
the same answers (tests/unit/test_email_address.py).
"""

import re
from functools import lru_cache

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

# Conservative on purpose: what it accepts, email_validator accepts as it stands.
PLAIN = re.compile(
    r"(?P<local>[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})",
    re.ASCII,
)
LOCAL_MAX = 64
ADDRESS_MAX = 254


def normalized_email(value: str) -> str | None:
    """The address as stored (the domain in lower case), or None if it is not one."""
    plain = _plain(value)
    return plain if plain is not None else _validated(value)


def _plain(value: str) -> str | None:
    found = PLAIN.fullmatch(value)
    if found is None or len(found["local"]) > LOCAL_MAX or len(value) > ADDRESS_MAX:
        return None
    domain = found["domain"].lower()
    labels = domain.split(".")
    if any(label[2:4] == "--" for label in labels):  # xn-- and kin: IDNA's to judge
        return None
    if any(domain == name or domain.endswith("." + name) for name in SPECIAL_USE_DOMAIN_NAMES):
        return None
    return f"{found['local']}@{domain}"


@lru_cache(maxsize=64)  # checked, then normalized: the same address twice per registration
def _validated(value: str) -> str | None:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None

"""The plain-address shortcut (domain/email_address.py) answers as email_validator does:
every address it accepts, email_validator accepts with the same normalized form, and what
it leaves alone still gets email_validator's answer."""

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from services.registrations.domain.email_address import _plain, normalized_email

# The characters that make addresses plain, unusual or wrong, in any order.
PIECES = st.sampled_from(
    ["a", "Z", "0", "9", ".", "-", "_", "+", "@", "xn--", "é", " ", '"', "..", "-.", "co", "IT"]
)
ADDRESSES = st.lists(PIECES, min_size=3, max_size=24).map("".join)
LABEL = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,12}[A-Za-z0-9]", fullmatch=True)
SHAPED = st.builds(
    lambda local, labels, top: f"{local}@{'.'.join(labels)}.{top}",
    st.from_regex(r"[A-Za-z0-9_+.-]{1,20}", fullmatch=True),
    st.lists(LABEL, min_size=1, max_size=3),
    st.sampled_from(["it", "IT", "com", "local", "test", "a", "c0m", "onion", "eu"]),
)


def _validator(value: str) -> str | None:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@settings(max_examples=3000, deadline=None)
@given(st.one_of(ADDRESSES, SHAPED))
def test_the_shortcut_accepts_only_what_email_validator_accepts_and_as_it_normalizes(value):
    plain = _plain(value)
    if plain is not None:
        assert plain == _validator(value)
    assert normalized_email(value) == _validator(value)


@pytest.mark.parametrize(
    "value, normalized",
    [
        ("Maria.Rossi@Comune.Crema.CR.it", "Maria.Rossi@comune.crema.cr.it"),
        ("ufficio-stampa+convegno@anci.lombardia.it", "ufficio-stampa+convegno@anci.lombardia.it"),
    ],
)
def test_plain_addresses_are_answered_by_the_shortcut(value, normalized):
    assert _plain(value) == normalized == _validator(value)


@pytest.mark.parametrize(
    "value",
    [
        "sindaco@comune.località.it",  # IDNA: email_validator's
        "assessore@xn--localit-fxa.it",
        "clerk@server.local",  # special-use domain: refused by email_validator
        "a..b@comune.it",
        "nobody@localhost",
    ],
)
def test_unusual_addresses_go_to_email_validator(value):
    assert _plain(value) is None
    assert normalized_email(value) == _validator(value)

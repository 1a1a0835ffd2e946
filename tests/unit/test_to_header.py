"""The To header written at once, for a name of plain words and a plain address, is the one
the email package's header registry folds (headers.ToHeader) from the parsed address."""

from email.headerregistry import Address

import pytest

from services.notifications.formats import mime
from services.notifications.formats.email import one_line

pytestmark = pytest.mark.unit

NAMES = [
    "Maria Rossi",
    "Maria",
    "Anna-Maria D'Angelo",
    "Jo O'Neil {the 2nd} ~ #1 & co + 50% = ?!",
    " ".join(["Bartolomeo"] * 12),  # folds over lines
    "x" * 61,  # a word too long for a line: encoded words
    "Maria Rossi Jr.",  # a dot: quoted
    'Maria "Mimì" Rossi',
    "<b>Mario</b> Rossi",
    "=?utf-8?q?Mario?=",
    "Zoë Ångström",
    "",
]
EMAILS = [
    "maria.rossi@comune-test.it",
    "a+tag@sub.example.it",
    "o'neil{1}@example.it",
    '"quoted local"@example.it',
    "rossì@comune-test.it",
    "utente@[127.0.0.1]",
]


@pytest.mark.parametrize("email", EMAILS)
@pytest.mark.parametrize("name", NAMES)
def test_to_header_is_the_registry_one(name: str, email: str) -> None:
    name = one_line(name)
    try:
        address = Address(name, addr_spec=email)
    except Exception:  # not an address the email package takes: neither path is asked
        pytest.skip("not an address")

    written = mime.to_header(name, email)

    assert written == mime.header("To", address, utf8=not email.isascii())

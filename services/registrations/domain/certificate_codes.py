"""A certificate's verification code, and the link that names its holder in full.

The code is `<serial>-<signature>`: the serial (ten random symbols, Crockford's alphabet)
finds the certificate, the signature (an HMAC of the serial) proves we wrote it, so a code
changed by one symbol, or made up for a forged PDF, is refused before anything is looked
up. Typed from the paper or read from the QR code, the code shows the holder's initials;
the holder's link (the QR code's) adds a second signature, and shows the full name: the
holder decides who sees it by sharing the PDF or not.
"""

import secrets

from services.registrations.domain.ticket_codes import ALPHABET
from shared.auth import constant_time_equal, signed

SERIAL_SYMBOLS = 10
SIGNATURE_SYMBOLS = 10


class CertificateCodeInvalid(ValueError):
    """Not a code we signed: altered, mistyped, or made up."""


def new_serial() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SERIAL_SYMBOLS))


def certificate_code(serial: str, *, secret: str) -> str:
    return f"{serial}-{_signature(serial, 'certificate', secret)}"


def holder_token(serial: str, *, secret: str) -> str:
    """What the holder's link adds to the code, to show their full name."""
    return _signature(serial, "certificate-holder", secret)


def read_certificate_code(code: str, *, secret: str) -> str:
    """The serial a code names; raises CertificateCodeInvalid unless we signed it."""
    serial, _, signature = code.strip().upper().partition("-")
    if len(serial) != SERIAL_SYMBOLS or any(symbol not in ALPHABET for symbol in serial):
        raise CertificateCodeInvalid(code)
    if not constant_time_equal(signature, _signature(serial, "certificate", secret)):
        raise CertificateCodeInvalid(code)
    return serial


def is_holder(serial: str, token: str, *, secret: str) -> bool:
    return constant_time_equal(token.upper(), holder_token(serial, secret=secret))


def _signature(serial: str, purpose: str, secret: str) -> str:
    """SIGNATURE_SYMBOLS of the HMAC, in the same alphabet (50 bits)."""
    digest = int(signed(serial, key=secret, purpose=purpose), 16)
    return "".join(ALPHABET[(digest >> (5 * i)) & 31] for i in range(SIGNATURE_SYMBOLS))

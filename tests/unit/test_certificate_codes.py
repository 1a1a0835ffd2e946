"""Certificate verification codes (domain/certificate_codes.py): ours are read back, a
changed symbol or another key's code is refused, and the holder's token is the holder's."""

import pytest

from services.registrations.domain.certificate_codes import (
    CertificateCodeInvalid,
    certificate_code,
    holder_token,
    is_holder,
    new_serial,
    read_certificate_code,
)
from services.registrations.domain.ticket_codes import ALPHABET

SECRET = "test-secret"


def test_a_code_we_signed_names_its_serial_however_it_is_typed():
    serial = new_serial()
    code = certificate_code(serial, secret=SECRET)

    assert read_certificate_code(code, secret=SECRET) == serial
    assert read_certificate_code(f"  {code.lower()} ", secret=SECRET) == serial


def test_every_one_symbol_change_is_refused():
    code = certificate_code(new_serial(), secret=SECRET)
    changed = [
        code[:i] + other + code[i + 1 :]
        for i, symbol in enumerate(code)
        if symbol != "-"
        for other in ALPHABET
        if other != symbol
    ]

    accepted = []
    for candidate in changed:
        try:
            read_certificate_code(candidate, secret=SECRET)
            accepted.append(candidate)
        except CertificateCodeInvalid:
            pass

    assert accepted == []


@pytest.mark.parametrize("code", ["", "ABC", "not a code at all", "IIIIIIIIII-0000000000"])
def test_what_is_not_a_code_is_refused(code):
    with pytest.raises(CertificateCodeInvalid):
        read_certificate_code(code, secret=SECRET)


def test_a_code_signed_with_another_key_is_refused():
    with pytest.raises(CertificateCodeInvalid):
        read_certificate_code(certificate_code(new_serial(), secret="other"), secret=SECRET)


def test_the_holders_token_shows_the_name_only_for_its_own_certificate():
    mine, theirs = new_serial(), new_serial()

    assert is_holder(mine, holder_token(mine, secret=SECRET), secret=SECRET)
    assert not is_holder(theirs, holder_token(mine, secret=SECRET), secret=SECRET)

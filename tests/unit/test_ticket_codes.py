"""Tickets' short codes: what a person reads aloud and a clerk types at the door."""

import itertools
import random

import pytest

from services.registrations.domain.ticket_codes import (
    ALPHABET,
    CodeMistyped,
    new_code,
    read_code,
    spoken,
    with_check,
)

pytestmark = pytest.mark.unit

CODES = [with_check("".join(random.Random(seed).choices(ALPHABET, k=8))) for seed in range(40)]


def test_new_code_is_nine_symbols_of_the_alphabet_and_reads_back():
    code = new_code()

    assert (len(code), set(code) <= set(ALPHABET), read_code(code)) == (9, True, code)


def test_spoken_code_is_grouped_four_four_one():
    assert spoken("7KQ4M2XDP") == "7KQ4-M2XD-P"


@pytest.mark.parametrize("code", CODES)
def test_read_code_takes_any_case_dashes_and_spaces(code):
    typed = [
        spoken(code).lower(),
        f" {code[:3]} {code[3:6]}-{code[6:]} ",
        spoken(code),
        spoken(code).replace("-", "\u2013"),  # an en dash, from a document
    ]

    assert {read_code(t) for t in typed} == {code}


def test_read_code_folds_i_and_l_into_one_and_o_into_zero():
    code = with_check("10100A0B")

    assert read_code("IoL0-0A0b" + code[-1]) == code


@pytest.mark.parametrize("code", CODES)
def test_any_one_wrong_symbol_is_refused(code):
    wrong = [
        code[:i] + symbol + code[i + 1 :]
        for i in range(len(code))
        for symbol in ALPHABET
        if symbol != code[i]
    ]

    assert [w for w in wrong if _accepted(w)] == []


@pytest.mark.parametrize("code", CODES)
def test_any_two_different_symbols_swapped_are_refused(code):
    swapped = []
    for i, j in itertools.combinations(range(len(code)), 2):
        if code[i] != code[j]:
            symbols = list(code)
            symbols[i], symbols[j] = symbols[j], symbols[i]
            swapped.append("".join(symbols))

    assert [s for s in swapped if _accepted(s)] == []


@pytest.mark.parametrize("typed", ["", "7KQ4-M2XD", "7KQ4-M2XD-PP", "7KQ4-M2XU-P", "7KQ4?M2XD-P"])
def test_read_code_refuses_what_is_not_a_code(typed):
    with pytest.raises(CodeMistyped):
        read_code(typed)


def _accepted(typed: str) -> bool:
    try:
        read_code(typed)
    except CodeMistyped:
        return False
    return True

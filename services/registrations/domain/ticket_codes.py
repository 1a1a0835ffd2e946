"""A ticket's short code: what a person reads aloud at the door and a clerk types.

Eight random symbols and one check symbol from Crockford's base32 alphabet (digits and
letters without I, L, O and U, which read like 1, 1, 0 and V), written in groups for
reading: "7KQ4-M2XD-P". Typing is forgiving: any case, dashes and spaces anywhere (typographic
ones too), I and L taken for 1, O for 0.

The check symbol makes the nine symbols, read as coefficients of a polynomial over GF(32),
vanish at a generator `x` of the field (Horner's rule below). A wrong symbol changes the
value by a non-zero multiple of a power of `x`, so it is always caught; two different
symbols swapped at distance d change it by (x^d + 1) times a non-zero value, and x^d = 1
only for d a multiple of 31, so every swap within the nine, neighbours or not, is caught too.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
FOLDED = str.maketrans({"I": "1", "L": "1", "O": "0"})
# Spaces and dashes, with the look-alikes a copy from a phone or a document brings along.
SEPARATORS = str.maketrans("", "", " -\t\u00a0\u2010\u2011\u2012\u2013\u2014")
RANDOM_SYMBOLS = 8
LENGTH = RANDOM_SYMBOLS + 1
GROUPS = (4, 4, 1)
# x^5 + x^2 + 1, a primitive polynomial: x (the value 2) generates GF(32)'s multiplicative group.
MODULUS = 0b100101


class CodeMistyped(ValueError):
    """Not a code we could have made: a wrong length, a symbol outside the alphabet, or a
    check symbol that does not match (one character read or typed wrong)."""


def _times_x(value: int) -> int:
    shifted = value << 1
    return shifted ^ MODULUS if shifted & 0b100000 else shifted


def _remainder(symbols: str) -> int:
    """The symbols' polynomial at x, by Horner's rule (addition in GF(32) is XOR)."""
    total = 0
    for symbol in symbols:
        total = _times_x(total) ^ VALUE[symbol]
    return total


def with_check(body: str) -> str:
    """`body` followed by the symbol that makes the whole code's remainder zero."""
    return body + ALPHABET[_times_x(_remainder(body))]


def new_code() -> str:
    """A fresh code, canonical (nine symbols, no separators). The random symbols come from
    one draw of 40 bits, five per symbol (the alphabet has 32): each is uniform, and a draw
    per symbol cost eight reads of the system's randomness."""
    bits = int.from_bytes(secrets.token_bytes(RANDOM_SYMBOLS * 5 // 8))
    return with_check("".join(ALPHABET[(bits >> 5 * i) & 31] for i in range(RANDOM_SYMBOLS)))


def read_code(typed: str) -> str:
    """The canonical code a person typed or read out; raises CodeMistyped."""
    folded = typed.upper().translate(SEPARATORS).translate(FOLDED)
    if len(folded) != LENGTH or any(symbol not in VALUE for symbol in folded):
        raise CodeMistyped(typed)
    if _remainder(folded) != 0:
        raise CodeMistyped(typed)
    return folded


def spoken(code: str) -> str:
    """The code in groups, as printed and read aloud: "7KQ4-M2XD-P"."""
    groups, start = [], 0
    for size in GROUPS:
        groups.append(code[start : start + size])
        start += size
    return "-".join(groups)

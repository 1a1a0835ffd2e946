"""Cells that a spreadsheet will not run: formula injection neutralized (OWASP's advice).

A spreadsheet reads more than ASCII as a formula's start: some versions and locales take the
full-width ＝ ＋ － ＠ as = + - @, and skip spaces or invisible characters before them. So a
cell is looked at as NFKC folds it (full-width, small and superscript forms become ASCII),
without what a reader cannot see at its start.
"""

import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@")
# Line breaks and tabs start a new cell or line in some importers: dangerous at the very start.
BREAKS = ("\t", "\r", "\n")
# Look-alikes of the minus that NFKC leaves alone: hyphen, non-breaking hyphen, minus sign.
MINUS_LIKE = str.maketrans(dict.fromkeys("\u2010\u2011\u2212", "-"))
# Unicode categories nobody sees at a cell's start: spaces, format (zero-width), controls.
UNSEEN = ("Zs", "Zl", "Zp", "Cf", "Cc")


def safe_cell(value: object) -> str:
    """Text for a CSV or Excel cell; a leading formula character gets a quote before it."""
    text = "" if value is None else str(value)
    return "'" + text if starts_a_formula(text) else text


def starts_a_formula(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (or a break) at its start."""
    if text.startswith(BREAKS):
        return True
    seen = _without_unseen_start(unicodedata.normalize("NFKC", text).translate(MINUS_LIKE))
    return seen.startswith(FORMULA_STARTS)


def _without_unseen_start(text: str) -> str:
    for index, character in enumerate(text):
        if not character.isspace() and unicodedata.category(character) not in UNSEEN:
            return text[index:]
    return ""

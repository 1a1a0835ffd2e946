"""Calendar days written as CLDR (Babel) writes them, for the house's two languages, from a
table of their month and weekday names: asking Babel loads its locale data, about 5.6 MiB in
every process for Italian and English together, to spell twelve months and seven days. Any
other language or pattern goes to Babel, loaded then. tests/unit/test_day_names.py compares
every day of two years with Babel's own output."""

import re
from datetime import date

# CLDR's format names (wide and abbreviated months, wide weekdays from Monday).
NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "it": {
        "MMMM": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                 "agosto", "settembre", "ottobre", "novembre", "dicembre"),
        "MMM": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov",
                "dic"),
        "EEEE": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    },
    "en": {
        "MMMM": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"),
        "MMM": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec"),
        "EEEE": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    },
}  # fmt: skip
MEDIUM = {"it": "d MMM y", "en": "MMM d, y"}  # CLDR's medium date of each
_FIELD = re.compile(r"([A-Za-z])\1*|[^A-Za-z']+")
KNOWN = {"EEEE", "MMMM", "MMM", "d", "y"}


def format_day(day: date, pattern: str, lang: str) -> str:
    """`day` in `pattern` ("EEEE d MMMM y", "d MMM", "medium") in `lang`, as Babel's
    format_date writes it."""
    names = NAMES.get(lang)
    pattern = MEDIUM.get(lang, pattern) if pattern == "medium" else pattern
    fields = [found.group() for found in _FIELD.finditer(pattern)]
    letters = {field for field in fields if field[0].isalpha()}
    if names is None or "".join(fields) != pattern or not letters <= KNOWN:
        return _babel(day, pattern, lang)
    return "".join(_field(day, field, names) for field in fields)


def _field(day: date, field: str, names: dict[str, tuple[str, ...]]) -> str:
    if field == "d":
        return str(day.day)
    if field == "y":
        return str(day.year)
    if field == "EEEE":
        return names[field][day.weekday()]
    if field in names:
        return names[field][day.month - 1]
    return field


def _babel(day: date, pattern: str, lang: str) -> str:
    from babel.dates import format_date  # only for what the table lacks

    return str(format_date(day, pattern, locale=lang))

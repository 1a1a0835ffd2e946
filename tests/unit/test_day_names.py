"""The house's table of month and weekday names writes every day as Babel (CLDR) does."""

from datetime import date, timedelta

import pytest
from babel.dates import format_date

from shared.web.day_names import format_day

pytestmark = pytest.mark.unit

PATTERNS = ("EEEE d MMMM y", "d MMM y", "d MMM", "medium")
TWO_YEARS = [date(2026, 1, 1) + timedelta(days=n) for n in range(731)]


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("pattern", PATTERNS)
def test_format_day_writes_every_day_as_babel(lang, pattern):
    written = [format_day(day, pattern, lang) for day in TWO_YEARS]

    assert written == [format_date(day, pattern, locale=lang) for day in TWO_YEARS]


@pytest.mark.parametrize(("lang", "pattern"), [("de", "EEEE d MMMM y"), ("it", "yyyy-MM-dd")])
def test_format_day_asks_babel_for_what_the_table_lacks(lang, pattern):
    day = date(2026, 11, 30)

    assert format_day(day, pattern, lang) == format_date(day, pattern, locale=lang)

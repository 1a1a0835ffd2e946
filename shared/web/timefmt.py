"""Dates and times as people read them, in the event's own timezone, written as Babel (CLDR)
writes them; Italian and English from shared/web/day_names.py's table."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from shared.web.day_names import format_day

# The house writes the weekday, then day, month and year, with no comma: "sabato 30
# novembre 2026", "Saturday 30 November 2026". Other languages take their own full date
# (CLDR's): "Samstag, 30. November 2026".
LONG_DATE = {"it": "EEEE d MMMM y", "en": "EEEE d MMMM y"}


def local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def long_date(moment: datetime, timezone: str = "Europe/Rome", lang: str = "it") -> str:
    """'sabato 30 novembre 2026' / 'Saturday 30 November 2026'."""
    return day_name(local(moment, timezone).date(), lang)


def day_name(day: date, lang: str = "it") -> str:
    """A calendar day as `long_date` writes it."""
    return format_day(day, LONG_DATE.get(lang, "full"), lang)


def clock(moment: datetime | None, timezone: str = "Europe/Rome") -> str:
    """'09:30' in the event's timezone, or '' when the time is not known."""
    return f"{local(moment, timezone):%H:%M}" if moment else ""


def day_and_clock(moment: datetime, timezone: str = "Europe/Rome", lang: str = "it") -> str:
    """'5 dic 2026, 09:30' / '5 Dec 2026, 09:30': when something happened, in a list."""
    day = format_day(local(moment, timezone).date(), "d MMM y", lang)
    return f"{day}, {clock(moment, timezone)}"


TIME_FILTERS = {
    "long_date": long_date,
    "day_name": day_name,
    "clock": clock,
    "day_and_clock": day_and_clock,
}

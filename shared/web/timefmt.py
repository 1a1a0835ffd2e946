"""Dates and times as Italians read them, in the event's own timezone."""

from datetime import datetime
from zoneinfo import ZoneInfo

MONTHS = {
    "it": (
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre"
    ).split(),
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
}
WEEKDAYS = {
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica".split(),
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
}


def local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def long_date(moment: datetime, timezone: str = "Europe/Rome", lang: str = "it") -> str:
    """'sabato 30 novembre 2026' / 'Saturday 30 November 2026'."""
    day = local(moment, timezone)
    weekday = WEEKDAYS[lang][day.weekday()]
    return f"{weekday} {day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def clock(moment: datetime | None, timezone: str = "Europe/Rome") -> str:
    """'09:30' in the event's timezone, or '' when the time is not known."""
    return local(moment, timezone).strftime("%H:%M") if moment else ""


TIME_FILTERS = {"long_date": long_date, "clock": clock}

"""Attendance online, from the video platform's participants report: a CSV with each
person's email and minutes connected (Zoom, Teams, Meet, Webex export one; an organizer can
also write one by hand). Columns are found by their headings, in Italian or English, with a
comma or a semicolon between cells (Excel in Italian writes semicolons); a person who left
and joined again has several rows, added up.

Why the organizer's report rather than a code the participant reads out: the report is what
the accrediting bodies already accept as proof of online presence, it measures time (a code
proves only a moment), and nobody has to remember to type anything during the event."""

import csv
import io
from dataclasses import dataclass, field

EMAIL_HEADINGS = ("email", "e-mail", "indirizzo email", "indirizzo e-mail", "user email")
MINUTES_HEADINGS = ("minutes", "minuti", "duration (minutes)", "durata (minuti)", "durata")
MAX_MINUTES = 7 * 24 * 60  # a week: more is a mistake in the report


@dataclass
class OnlineReport:
    """Minutes by email (lowercased), and the rows that could not be read, by number (the
    heading is row 1, as a spreadsheet numbers it)."""

    minutes: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)


def read_report(text: str) -> OnlineReport:
    """The report's minutes per person; a problem per row that cannot be read."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines:
        return OnlineReport(problems=[(1, "the file is empty")])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    headings = [cell.strip().lower() for cell in rows[0]]
    email_at = _column(headings, EMAIL_HEADINGS)
    minutes_at = _column(headings, MINUTES_HEADINGS)
    if email_at is None or minutes_at is None:
        return OnlineReport(problems=[(1, "no column of emails and minutes in the first row")])
    report = OnlineReport()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        _read_row(report, number, row, email_at, minutes_at)
    return report


def _column(headings: list[str], names: tuple[str, ...]) -> int | None:
    return next((i for i, heading in enumerate(headings) if heading in names), None)


def _read_row(report: OnlineReport, number: int, row: list[str], at: int, minutes_at: int) -> None:
    if len(row) <= max(at, minutes_at):
        report.problems.append((number, "the row has fewer cells than the headings"))
        return
    email = row[at].strip().lower()
    said = row[minutes_at].strip().replace(",", ".")
    if "@" not in email:
        report.problems.append((number, f"{row[at].strip()!r} is not an email address"))
        return
    try:
        minutes = round(float(said))
    except ValueError:
        report.problems.append((number, f"{row[minutes_at].strip()!r} is not a number of minutes"))
        return
    if not 0 <= minutes <= MAX_MINUTES:
        report.problems.append((number, f"{minutes} minutes is not a possible attendance"))
        return
    report.minutes[email] = report.minutes.get(email, 0) + minutes

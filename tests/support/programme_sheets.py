"""Programme spreadsheets as an organizer would type them, built from a demo conference's
facts (devstack/demo_conferences.json): an Excel workbook with real dates and times, or a
CSV as Excel in Italy saves it. Written here cell by cell, not by the service's template, so
that a test reads what people type, not what the code writes."""

import csv
import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook

HEADINGS = ["Giorno", "Inizio", "Fine", "Tipo", "Titolo", "Sezione", "Sala", "Relatori"]
# The console's words for the kinds the demo programmes use.
KINDS = {
    "registration": "Registrazione",
    "welcome_coffee": "Welcome coffee",
    "opening": "Apertura lavori",
    "greetings": "Saluti istituzionali",
    "talk": "Intervento",
    "panel": "Tavola rotonda",
    "break": "Pausa",
    "debate": "Dibattito",
    "section": "Sessione",
    "closing": "Chiusura lavori",
}
ROLES = {"speaker": "", "moderator": "modera: ", "chair": "presiede: "}


def person(given: dict[str, Any]) -> str:
    name = " ".join(filter(None, (given.get("honorific"), given["name"])))
    parts = [ROLES[given.get("role", "speaker")] + name, given.get("position") or ""]
    if given.get("organization"):
        parts.append(given["organization"])
    return " | ".join(parts).removesuffix(" | ")


def rows(event: dict[str, Any]) -> list[list[Any]]:
    """One row per item of the event's programme (sections, then their items), times as
    Excel keeps them: the day on the first row only, as people write it."""
    made: list[list[Any]] = []
    for item in event["programme"]:
        made.append(_row(item, None, first=not made, day=event["starts_at"]))
        made += [_row(child, item["title"], first=False, day="") for child in item.get("items", [])]
    return made


def _row(item: dict[str, Any], section: str | None, *, first: bool, day: str) -> list[Any]:
    def at(key: str) -> Any:
        return datetime.fromisoformat(item[key]).time() if item.get(key) else None

    return [
        datetime.fromisoformat(day).date() if first else None,
        at("starts_at"),
        at("ends_at"),
        KINDS[item["kind"]],
        item["title"],
        section,
        item.get("room"),
        "\n".join(person(p) for p in item.get("speakers", [])) or None,
    ]


def workbook(lines: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADINGS)
    for line in lines:
        sheet.append(line)
    written = io.BytesIO()
    book.save(written)
    return written.getvalue()


def italian_csv(lines: list[list[Any]]) -> bytes:
    """';' between cells, days as 30/11/2026 and times as 9:30, in Windows-1252."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for line in lines:
        writer.writerow([_typed(cell) for cell in line])
    return out.getvalue().encode("cp1252")


def _typed(cell: Any) -> str:
    if cell is None:
        return ""
    if hasattr(cell, "strftime"):
        return cell.strftime("%d/%m/%Y" if not hasattr(cell, "hour") else "%H:%M")
    return str(cell)

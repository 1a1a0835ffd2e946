"""A programme read from a spreadsheet's rows: headings in Italian or English, days and times
on the event's clock, people with their roles, sections by name; every problem with its row
and column, and then no programme at all. The demo conferences' programmes, written as the
template writes them, read back as they were."""

import json
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from devstack.demo import DEMO_FILE
from services.events.domain.programme_import import as_published
from services.events.domain.programme_sheet import Frame, SheetReading, read_programme
from services.events.domain.programme_template import sheet_rows
from shared.contracts import ProgrammeItemV1, SpeakerV1

pytestmark = pytest.mark.unit

ROME = ZoneInfo("Europe/Rome")
DAY = Frame(date(2026, 11, 30), date(2026, 11, 30))
HEADINGS = ["giorno", "inizio", "fine", "tipo", "titolo", "sezione", "sala", "relatori"]


def read(*rows: list[Any], frame: Frame = DAY) -> SheetReading:
    return read_programme([(number, row) for number, row in enumerate(rows, start=1)], frame)


def said(reading: SheetReading) -> list[str]:
    return [problem.said("it") for problem in reading.problems]


def demo_programmes() -> list[Any]:
    """Each demo conference's first day and programme as a revision holds it (no ids)."""
    events = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["events"]
    return [
        pytest.param(e["starts_at"], tuple(map(_published, e["programme"])), id=e["slug"])
        for e in events
    ]


def _published(item: dict[str, Any]) -> ProgrammeItemV1:
    def moment(key: str) -> datetime | None:
        given = item.get(key)
        return datetime.fromisoformat(given).replace(tzinfo=ROME) if given else None

    return ProgrammeItemV1(
        kind=item["kind"],
        title=item["title"],
        description=item.get("description"),
        room=item.get("room"),
        starts_at=moment("starts_at"),
        ends_at=moment("ends_at"),
        speakers=tuple(SpeakerV1(**person) for person in item.get("speakers", [])),
        items=tuple(map(_published, item.get("items", []))),
    )


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize(("starts_at", "programme"), demo_programmes())
def test_a_demo_programme_written_as_the_template_reads_back_the_same(
    starts_at, programme, language
):
    day = date.fromisoformat(starts_at[:10])
    rows = sheet_rows(programme, "Europe/Rome", language)

    reading = read(*rows, frame=Frame(day, day))

    assert reading.problems == []
    assert reading.ignored == []
    back = tuple(as_published(item, "Europe/Rome") for item in reading.programme)
    assert back == programme


def test_the_welfare_convegno_typed_by_hand_in_italian():
    reading = read(
        ["Programma del convegno"],
        [*HEADINGS, "commenti interni"],
        ["30/11/2026", "8:30", "", "registrazione", "Registrazione e welcome coffee"],
        ["", "9.00", "9.30", "Apertura lavori", "Introduzione", "", "Sala Pietro da Cemmo",
         "Giovanni (Gianni) Rossoni | Presidente dell'Area Omogenea Cremasca"],
        [],
        ["", "9:30", "", "", "Le potenzialità dei sub-ambiti", "", "",
         "Dott. Nicola Basile\nmodera: Dott.ssa Anna Bianchi | Sindaca | Comune di Crema"],
    )  # fmt: skip

    first, opening, talk = reading.programme

    assert reading.problems == []
    assert reading.ignored == ["commenti interni"]
    assert (first.kind, first.starts_at, first.ends_at) == (
        "registration",
        datetime(2026, 11, 30, 8, 30),
        None,
    )
    assert (opening.kind, opening.room) == ("opening", "Sala Pietro da Cemmo")
    assert (opening.starts_at, opening.ends_at) == (
        datetime(2026, 11, 30, 9, 0),
        datetime(2026, 11, 30, 9, 30),
    )
    assert opening.speakers[0].name == "Giovanni (Gianni) Rossoni"
    assert opening.speakers[0].position == "Presidente dell'Area Omogenea Cremasca"
    assert talk.kind == "talk"
    assert [(p.honorific, p.name, p.role) for p in talk.speakers] == [
        ("Dott.", "Nicola Basile", "speaker"),
        ("Dott.ssa", "Anna Bianchi", "moderator"),
    ]
    assert (talk.speakers[1].position, talk.speakers[1].organization) == (
        "Sindaca",
        "Comune di Crema",
    )


def test_english_headings_excel_values_and_a_day_row():
    reading = read(
        ["Day", "Start", "End", "Kind", "Title", "Speakers"],
        [date(2026, 12, 1)],
        [None, time(14, 0), 0.625, "workshop", "Tavolo 1", "chair: Anna Bianchi"],
        frame=Frame(date(2026, 11, 30), date(2026, 12, 1)),
    )

    (workshop,) = reading.programme

    assert reading.problems == []
    assert (workshop.starts_at, workshop.ends_at) == (
        datetime(2026, 12, 1, 14, 0),
        datetime(2026, 12, 1, 15, 0),
    )
    assert workshop.speakers[0].role == "chair"


def test_sections_gather_their_items_by_name():
    reading = read(
        ["tipo", "titolo", "sezione", "inizio"],
        ["intervento", "Tavolo A", "Tavoli di lavoro", "10:00"],
        ["sessione", "Plenaria", "", "9:00"],
        ["intervento", "Relazione", "plenaria", "9:15"],
        ["intervento", "Tavolo B", "Tavoli di lavoro", "10:00"],
        ["chiusura", "Conclusioni", "", "12:00"],
    )

    tables, plenary, closing = reading.programme

    assert reading.problems == []
    assert (tables.kind, tables.title, tables.starts_at) == ("section", "Tavoli di lavoro", None)
    assert [item.title for item in tables.items] == ["Tavolo A", "Tavolo B"]
    assert (plenary.title, [item.title for item in plenary.items]) == ("Plenaria", ["Relazione"])
    assert closing.items == []


def test_every_wrong_row_is_said_with_its_number_and_nothing_is_read():
    reading = read(
        HEADINGS,
        ["30/11/2026", "9:00", "10:00", "intervento", "Buona"],
        ["", "nove", "", "intervento", "Orario sbagliato"],
        ["", "11:00", "10:30", "caffè lungo", "Tipo sbagliato"],
        ["", "12:00", "", "", ""],
        ["01/12/2026", "9:00", "", "", "Altro giorno"],
        ["", "", "", "", "Persona", "", "", "moderatrice: Anna | Sindaca | Comune | Crema"],
        ["", "", "", "", "Ruolo", "", "", "capo: Anna Bianchi"],
    )

    assert reading.programme == []
    assert said(reading) == [
        "Riga 3, colonna «inizio»: «nove» non è un orario: scrivilo come 9:30.",
        "Riga 4, colonna «tipo»: «caffè lungo» non è un tipo di voce: i tipi sono nel foglio "
        "«Istruzioni» del modello.",
        "Riga 4, colonna «fine»: La fine deve venire dopo l'inizio.",
        "Riga 5, colonna «titolo»: Manca il titolo.",
        "Riga 6, colonna «giorno»: Il 01/12/2026 non è un giorno dell'evento (30/11/2026).",
        "Riga 7, colonna «relatori»: «moderatrice: Anna | Sindaca | Comune | Crema»: una persona "
        "si scrive nome | qualifica | ente, con al massimo due barre verticali.",
        "Riga 8, colonna «relatori»: «capo» non è un ruolo: scrivi relatore, modera, presiede, "
        "discussant o invitato.",
    ]
    assert reading.problems[0].code == "time"


def test_a_sheet_without_headings_or_title_column_is_refused_as_a_whole():
    no_headings = read(["9:00", "Introduzione"], ["9:30", "Relazione"])
    no_title = read(["inizio", "fine", "sala"], ["9:00", "9:30", "Sala"])
    empty = read()

    assert [p.code for p in no_headings.problems] == ["no_headings"]
    assert said(no_title) == [
        "Riga 1: Manca la colonna «titolo»: ogni voce del programma ha un titolo."
    ]
    assert [p.code for p in empty.problems] == ["empty"]


def test_sections_that_cannot_be_told_apart_or_nest_are_refused():
    reading = read(
        ["tipo", "titolo", "sezione"],
        ["sessione", "Mattina", ""],
        ["sessione", "mattina", ""],
        ["sessione", "Dentro", "Mattina"],
    )

    assert [(p.row, p.code) for p in reading.problems] == [
        (3, "section_twice"),
        (4, "nested_section"),
    ]
    assert reading.programme == []


def test_too_long_texts_and_line_breaks_are_said_on_their_column():
    reading = read(
        ["titolo", "sala", "descrizione"],
        ["T" * 501, "Sala", "Una\nriga\nsola? No: la descrizione ne tiene tante."],
        ["Titolo\nsu due righe", "Sala\tgrande", ""],
    )

    assert said(reading) == [
        "Riga 2, colonna «titolo»: Testo troppo lungo: al massimo 500 caratteri."
    ]


def test_many_problems_are_listed_up_to_a_limit_then_counted():
    rows = [["titolo", "inizio"], *([f"Voce {n}", "x"] for n in range(60))]

    reading = read(*rows)

    assert len(reading.problems) == 51
    assert reading.problems[-1].said("en") == (
        "And 10 more problems, not listed: fix these and upload the file again."
    )

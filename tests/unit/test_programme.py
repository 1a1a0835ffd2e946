"""A programme as people read it (shared/programme.py): lines by time, sections indented, and a
day named whenever the programme spans several days."""

import re
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from services.events.settings import EventsSettings
from services.events.texts import CATALOGS
from services.events.web.routes.pages import event_context
from shared.contracts import ProgrammeItemV1, SpeakerV1
from shared.programme import by_day, outline
from shared.web.templating import Pages
from tests.unit.test_compose import html, sent, text, to_participant
from tests.unit.test_page_languages import page_request

EVENTS = Path(__file__).resolve().parents[2] / "services" / "events"
SETTINGS = SimpleNamespace(settings=EventsSettings())  # all the page's context reads of one

pytestmark = pytest.mark.unit


def talk(title: str, day: int, hour: int, minute: int = 0) -> ProgrammeItemV1:
    """A talk on `day` March 2027 at hour:minute UTC (an hour later in Rome)."""
    start = datetime(2027, 3, day, hour, minute, tzinfo=UTC)
    return ProgrammeItemV1(kind="talk", title=title, starts_at=start)


def test_outline_nested_programme_indents_sections(make_snapshot):
    snapshot = make_snapshot()

    lines = outline(snapshot.programme, "Europe/Rome")

    assert lines == [
        "09:00 Introduzione - Giovanni Rossoni",
        "09:30 Prima sessione",
        "  09:30 I sub-ambiti - Anna Bianchi, Luca Verdi",
        "  Dibattito",
        "12:30 Conclusioni",
    ]


def test_outline_deeper_nesting_indents_further():
    programme = (
        ProgrammeItemV1(
            kind="section",
            title="Sessione",
            items=(
                ProgrammeItemV1(
                    kind="section",
                    title="Tavola rotonda",
                    items=(
                        ProgrammeItemV1(
                            kind="talk",
                            title="Intervento",
                            starts_at=datetime(2026, 7, 15, 8, 5, tzinfo=UTC),
                            speakers=(SpeakerV1(name="Anna Bianchi"),),
                        ),
                    ),
                ),
            ),
        ),
    )

    lines = outline(programme, "Europe/Rome")

    assert lines == ["Sessione", "  Tavola rotonda", "    10:05 Intervento - Anna Bianchi"]


def test_outline_empty_programme_is_no_lines():
    lines = outline((), "Europe/Rome")

    assert lines == []


def test_a_two_day_programme_names_each_day_before_its_items():
    programme = (talk("Apertura", 4, 8), talk("Tavola rotonda", 4, 13), talk("Chiusura", 5, 8))

    lines = outline(programme, "Europe/Rome")

    assert lines == [
        "2027-03-04",
        "09:00 Apertura",
        "14:00 Tavola rotonda",
        "2027-03-05",
        "09:00 Chiusura",
    ]


def test_the_day_is_the_local_one_not_utc():
    # 23:30 UTC on the 4th is 00:30 in Rome on the 5th: the second day.
    programme = (talk("Apertura", 4, 20), talk("Notturno", 4, 23, 30))

    days = by_day(programme, "Europe/Rome")

    assert [day.day for day in days] == [date(2027, 3, 4), date(2027, 3, 5)]


def test_an_item_without_a_time_stays_with_the_day_before_it():
    untimed = ProgrammeItemV1(kind="break", title="Pausa")
    programme = (talk("Apertura", 4, 8), untimed, talk("Chiusura", 5, 8))

    days = by_day(programme, "Europe/Rome")

    assert [[item.title for item in day.items] for day in days] == [
        ["Apertura", "Pausa"],
        ["Chiusura"],
    ]


def test_a_one_day_programme_has_no_day_heading():
    programme = (talk("Apertura", 4, 8), talk("Chiusura", 4, 15))

    days = by_day(programme, "Europe/Rome")

    assert [(day.day, len(day.items)) for day in days] == [(None, 2)]


TWO_DAYS = (talk("Apertura", 4, 8), talk("Tavola rotonda", 4, 13), talk("Chiusura", 5, 8))


@pytest.mark.parametrize(
    ("language", "days"),
    [
        ("it", ["giovedì 4 marzo 2027", "venerdì 5 marzo 2027"]),
        ("en", ["Thursday 4 March 2027", "Friday 5 March 2027"]),
    ],
)
def test_a_reminder_names_the_days_of_a_two_day_programme(make_snapshot, language, days):
    delivery = to_participant("reminder")
    delivery.language = language

    message = sent(delivery, make_snapshot(programme=TWO_DAYS))

    lines = text(message).splitlines()
    first = lines.index(days[0])
    assert lines[first : first + 5] == [
        days[0],
        "09:00 Apertura",
        "14:00 Tavola rotonda",
        days[1],
        "09:00 Chiusura",
    ]
    assert f'<h3 style="font-size: 16px;">{days[1]}</h3>' in html(message)


@pytest.mark.parametrize(
    ("query", "days"),
    [
        ("", ["giovedì 4 marzo 2027", "venerdì 5 marzo 2027"]),
        ("lang=en", ["Thursday 4 March 2027", "Friday 5 March 2027"]),
    ],
)
def test_the_event_page_heads_each_day_of_a_two_day_programme(make_snapshot, query, days):
    pages = Pages(EVENTS / "web" / "templates", CATALOGS)
    context = event_context(make_snapshot(programme=TWO_DAYS), SETTINGS)

    page = pages.render(page_request(query), "event_page.html", context).body.decode()

    assert re.findall(r'<h3 class="h4 mt-4 programme-day">([^<]+)</h3>', page) == days


def test_the_event_page_says_a_role_once_and_a_room_by_its_name(make_snapshot):
    moderator = SpeakerV1(name="Paola Orini", role="moderator")
    item = talk("Apertura", 4, 8).model_copy(update={"room": "Sala Consiliare"})
    pages = Pages(EVENTS / "web" / "templates", CATALOGS)
    context = event_context(make_snapshot(moderator=moderator, programme=(item,)), SETTINGS)

    page = pages.render(page_request(), "event_page.html", context).body.decode()

    assert re.search(r"Modera: <span class=\"speaker\"><strong>Paola Orini</strong></span>", page)
    assert "(modera)" not in page
    assert '<span class="small fw-normal">(Sala Consiliare)</span>' in page
    assert "sala Sala" not in page

"""Public page parts from a snapshot: safe Markdown, JSON-LD that cannot break out, Open Graph."""

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from markupsafe import Markup

from services.events.formats.markdown import plain_text, render_markdown
from services.events.formats.structured_data import event_json_ld, json_ld_script, open_graph
from shared.contracts.events import (
    EventSnapshotV1,
    OrganizationV1,
    ProgrammeItemV1,
    SpeakerV1,
    VenueV1,
)

pytestmark = pytest.mark.unit

BERGAMASCHI = SpeakerV1(
    id=1,
    name="Fabio Bergamaschi",
    position="Sindaco di Crema e Presidente dell'Assemblea dei Sindaci",
)
PIACENTINI = SpeakerV1(
    id=2,
    honorific="Dott.ssa",
    name="Maria Piacentini",
    position="Direttrice",
    organization="Comunità Sociale Cremasca",
)
ROSSONI = SpeakerV1(name="Giovanni Rossoni", position="Assessore al Welfare")

DESCRIPTION = """\
Un incontro per i **sindaci** e gli *amministratori* dell'Area Omogenea Cremasca.

## Temi

- il ruolo dei Sub Ambiti
- la programmazione zonale 2027-2029

Iscrizioni sul [sito del Comune](https://www.comune.crema.cr.it/).
"""


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 30, hour, minute, tzinfo=UTC)


def _programme() -> tuple[ProgrammeItemV1, ...]:
    """Opening, a section of a talk and a debate, closing; Bergamaschi speaks three times."""
    talk = ProgrammeItemV1(
        id=3, kind="talk", title="I dati del territorio", speakers=(PIACENTINI, ROSSONI)
    )
    debate = ProgrammeItemV1(
        id=4, kind="debate", title="Dibattito", speakers=(BERGAMASCHI, PIACENTINI)
    )
    return (
        ProgrammeItemV1(
            id=1,
            kind="opening",
            title="Saluti istituzionali",
            starts_at=_at(8),
            speakers=(BERGAMASCHI,),
        ),
        ProgrammeItemV1(
            id=2,
            kind="section",
            title="Il modello dei Sub Ambiti",
            starts_at=_at(8, 30),
            items=(talk, debate),
        ),
        ProgrammeItemV1(
            id=5,
            kind="closing",
            title="Conclusioni",
            starts_at=_at(11, 30),
            speakers=(BERGAMASCHI,),
        ),
    )


def snapshot(**overrides: Any) -> EventSnapshotV1:
    """The welfare convegno of 30 November 2026 in Crema, published, as the bus carries it."""
    values: dict[str, Any] = {
        "id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "slug": "welfare-area-omogenea-cremasca",
        "revision": 1,
        "calendar_sequence": 0,
        "status": "published",
        "title": "Coordinare le politiche sociali all'interno dell'Area Omogenea",
        "subtitle": "Valorizzare il modello dei Sub Ambiti",
        "description": DESCRIPTION,
        "organizer": OrganizationV1(slug="area-omogenea-cremasca", name="Area Omogenea Cremasca"),
        "co_organizers": (OrganizationV1(slug="comune-di-crema", name="Comune di Crema"),),
        "starts_at": datetime(2026, 11, 30, 8, 0, tzinfo=UTC),  # 09:00 in Rome
        "ends_at": datetime(2026, 11, 30, 12, 0, tzinfo=UTC),
        "venue": VenueV1(
            name="Sala Pietro da Cemmo",
            building="Centro Culturale Sant'Agostino",
            address="Via Dante Alighieri 49",
            city="Crema",
        ),
        "capacity": 200,
        "language": "it",
        "audience": ("Sindaci", "Assessori ai servizi sociali"),
        "programme": _programme(),
        "page_url": "https://convegni.example.it/events/welfare-area-omogenea-cremasca",
    }
    values.update(overrides)
    return EventSnapshotV1(**values)


def script_json(script: str) -> Any:
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', script, re.S)
    assert match, script
    return json.loads(match.group(1))


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_renders_headings_lists_emphasis_and_links():
    html = render_markdown(DESCRIPTION)

    assert isinstance(html, Markup)
    assert "<strong>sindaci</strong>" in html
    assert "<em>amministratori</em>" in html
    assert "<h2>Temi</h2>" in html
    assert "<ul>\n<li>il ruolo dei Sub Ambiti</li>" in html
    assert (
        '<a href="https://www.comune.crema.cr.it/" rel="noopener noreferrer nofollow">'
        "sito del Comune</a>"
    ) in html


def test_markdown_headings_stay_below_the_page_title():
    html = render_markdown("# Titolo\n\n### Dettagli\n\n###### Nota")

    assert "<h1" not in html
    assert "<h2>Titolo</h2>" in html
    assert "<h3>Dettagli</h3>" in html
    assert "<h4>Nota</h4>" in html


def test_markdown_tables_strikethrough_and_mailto():
    html = render_markdown(
        "| Ora | Intervento |\n|:----|-----------:|\n| 9:00 | ~~Saluti~~ |\n\n"
        "[Segreteria](mailto:segreteria@comune.crema.cr.it)"
    )

    assert "<th>Ora</th>" in html
    assert "<td><del>Saluti</del></td>" in html
    assert "style" not in html  # column alignment is dropped, not kept as inline CSS
    assert 'href="mailto:segreteria@comune.crema.cr.it"' in html


def test_markdown_escapes_script_tags():
    html = render_markdown("Prima <script>alert(1)</script> dopo")

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "<javascript:alert(1)>",
        '[x](<javascript:alert(1)> "titolo")',
    ],
)
def test_markdown_never_links_to_javascript(source):
    html = render_markdown(source)

    assert not re.search(r"href\s*=\s*\"?\s*javascript:", html, re.I), html


def test_markdown_image_with_handler_is_inert():
    html = render_markdown("<img src=x onerror=alert(1)>")

    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_markdown_raw_html_block_and_comment_are_escaped():
    html = render_markdown(
        '<div onclick="alert(1)" style="color:red">\n\nCiao\n</div>\n\n<!-- x -->'
    )

    assert "<div" not in html
    assert "<!--" not in html
    assert "&lt;div onclick=" in html


def test_markdown_autolink_to_a_website_is_a_safe_link():
    html = render_markdown("<https://www.comune.crema.cr.it>")

    assert html == Markup(
        '<p><a href="https://www.comune.crema.cr.it" rel="noopener noreferrer nofollow">'
        "https://www.comune.crema.cr.it</a></p>\n"
    )


def test_markdown_images_become_their_alt_text():
    html = render_markdown("![Locandina del convegno](https://example.it/locandina.png)")

    assert "<img" not in html
    assert "Locandina del convegno" in html


@pytest.mark.parametrize("source", [None, ""])
def test_markdown_of_nothing_is_empty_markup(source):
    assert render_markdown(source) == Markup("")
    assert isinstance(render_markdown(source), Markup)


def test_plain_text_drops_markup_and_collapses_whitespace():
    text = plain_text(DESCRIPTION)

    assert text == (
        "Un incontro per i sindaci e gli amministratori dell'Area Omogenea Cremasca. Temi "
        "il ruolo dei Sub Ambiti la programmazione zonale 2027-2029 "
        "Iscrizioni sul sito del Comune."
    )
    assert plain_text(None) == ""


# --- JSON-LD ----------------------------------------------------------------------------


def test_json_ld_is_a_schema_org_event_with_local_times():
    data = script_json(json_ld_script(event_json_ld(snapshot())))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Coordinare le politiche sociali all'interno dell'Area Omogenea"
    assert data["startDate"] == "2026-11-30T09:00:00+01:00"
    assert data["endDate"] == "2026-11-30T13:00:00+01:00"
    assert data["description"].startswith("Un incontro per i sindaci e gli amministratori")
    assert data["url"] == "https://convegni.example.it/events/welfare-area-omogenea-cremasca"
    assert data["inLanguage"] == "it"
    assert data["isAccessibleForFree"] is True
    assert data["audience"] == {
        "@type": "Audience",
        "audienceType": "Sindaci, Assessori ai servizi sociali",
    }
    assert [o["name"] for o in data["organizer"]] == ["Area Omogenea Cremasca", "Comune di Crema"]


def test_json_ld_place_has_a_postal_address_in_italy():
    location = event_json_ld(snapshot())["location"]

    assert location == {
        "@type": "Place",
        "name": "Sala Pietro da Cemmo, Centro Culturale Sant'Agostino",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Via Dante Alighieri 49",
            "addressLocality": "Crema",
            "addressCountry": "IT",
        },
    }


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("in_person", "https://schema.org/OfflineEventAttendanceMode"),
        ("online", "https://schema.org/OnlineEventAttendanceMode"),
        ("hybrid", "https://schema.org/MixedEventAttendanceMode"),
    ],
)
def test_json_ld_attendance_mode(mode, expected):
    assert event_json_ld(snapshot(attendance_mode=mode))["eventAttendanceMode"] == expected


def test_json_ld_hybrid_points_online_at_the_page_never_at_the_stream():
    secret = "https://meet.example.it/welfare-riservato"
    event = snapshot(attendance_mode="hybrid", online_url=secret)
    data = event_json_ld(event)

    place, virtual = data["location"]
    assert place["@type"] == "Place"
    assert virtual == {"@type": "VirtualLocation", "url": event.page_url}
    assert secret not in json_ld_script(data)


@pytest.mark.parametrize(
    ("status", "sequence", "expected"),
    [
        ("published", 0, "https://schema.org/EventScheduled"),
        ("published", 2, "https://schema.org/EventRescheduled"),
        ("cancelled", 0, "https://schema.org/EventCancelled"),
        ("cancelled", 3, "https://schema.org/EventCancelled"),
        ("completed", 0, "https://schema.org/EventScheduled"),
    ],
)
def test_json_ld_event_status(status, sequence, expected):
    event = snapshot(status=status, calendar_sequence=sequence)

    assert event_json_ld(event)["eventStatus"] == expected


def test_json_ld_performers_are_distinct_in_programme_order():
    performers = event_json_ld(snapshot())["performer"]

    assert [p["name"] for p in performers] == [
        "Fabio Bergamaschi",
        "Maria Piacentini",
        "Giovanni Rossoni",
    ]
    assert performers[0] == {
        "@type": "Person",
        "name": "Fabio Bergamaschi",
        "jobTitle": "Sindaco di Crema e Presidente dell'Assemblea dei Sindaci",
    }
    assert performers[1]["affiliation"] == {
        "@type": "Organization",
        "name": "Comunità Sociale Cremasca",
    }
    assert performers[1]["honorificPrefix"] == "Dott.ssa"


def test_json_ld_moderators_are_contributors_in_a_role_not_performers():
    moderator = SpeakerV1(id=7, name="Paola Orini", role="moderator", position="Giornalista")
    chair = SpeakerV1(name="Fabio Bergamaschi", role="chair")
    talk = ProgrammeItemV1(kind="round_table", title="Tavola rotonda", speakers=(chair,))
    event = snapshot(moderator=moderator, programme=(*_programme(), talk))

    data = event_json_ld(event)

    assert [p["name"] for p in data["performer"]] == [
        "Fabio Bergamaschi",
        "Maria Piacentini",
        "Giovanni Rossoni",
    ]
    assert data["contributor"] == [
        {
            "@type": "Role",
            "roleName": "moderator",
            "contributor": {"@type": "Person", "name": "Paola Orini", "jobTitle": "Giornalista"},
        },
        {
            "@type": "Role",
            "roleName": "chair",
            "contributor": {"@type": "Person", "name": "Fabio Bergamaschi"},
        },
    ]


def test_json_ld_dates_only_until_times_are_announced():
    event = snapshot(
        times_announced=False,
        starts_at=datetime(2026, 11, 29, 23, 0, tzinfo=UTC),  # 00:00 in Rome
        ends_at=datetime(2026, 11, 30, 23, 0, tzinfo=UTC),  # next midnight in Rome
    )
    data = event_json_ld(event)

    assert (data["startDate"], data["endDate"]) == ("2026-11-30", "2026-11-30")


def test_json_ld_title_cannot_close_the_script_element():
    title = "Welfare </script><script>alert(1)</script> & <!-- sindaci"
    script = json_ld_script(event_json_ld(snapshot(title=title)))

    assert script.count("</script>") == 1
    assert script.endswith("</script>")
    assert "<!--" not in script
    assert script_json(script)["name"] == title


# --- Open Graph -------------------------------------------------------------------------


def test_open_graph_pairs():
    pairs = dict(open_graph(snapshot(), image_url="https://convegni.example.it/og/welfare.png"))

    assert pairs == {
        "og:type": "website",
        "og:title": "Coordinare le politiche sociali all'interno dell'Area Omogenea",
        "og:description": plain_text(DESCRIPTION),
        "og:url": "https://convegni.example.it/events/welfare-area-omogenea-cremasca",
        "og:locale": "it_IT",
        "og:site_name": "Convegni",
        "og:image": "https://convegni.example.it/og/welfare.png",
        "twitter:card": "summary",
    }


def test_open_graph_description_is_short_plain_text():
    long_description = "Un **convegno** sulle politiche sociali dei Comuni cremaschi. " * 10
    description = dict(open_graph(snapshot(description=long_description)))["og:description"]

    assert len(description) <= 200
    assert description.endswith("…")
    assert "*" not in description


def test_open_graph_english_event_and_no_image():
    pairs = dict(open_graph(snapshot(language="en", description=None)))

    assert pairs["og:locale"] == "en_GB"
    assert pairs["og:description"] == "Valorizzare il modello dei Sub Ambiti"
    assert "og:image" not in pairs

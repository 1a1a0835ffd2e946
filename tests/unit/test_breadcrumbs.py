"""Where a page sits: Home > organization > event > page, links in the language asked for,
the current page marked in the layout, the organization named in the header and footer."""

import re
from dataclasses import dataclass

import pytest
from starlette.requests import Request

from shared.catalogs import SHARED_TEXTS, Catalogs
from shared.web import breadcrumbs
from shared.web.breadcrumbs import place
from shared.web.templating import Pages

pytestmark = pytest.mark.unit

EVENTS = "https://eventi.comune.example.it"


@dataclass(frozen=True)
class Org:
    slug: str
    name: str


@dataclass(frozen=True)
class Event:
    slug: str
    title: str
    organizer: Org


CREMA = Org("comune-crema", "Comune di Crema")
WELFARE = Event("welfare", "Il welfare dei piccoli Comuni", CREMA)


def request(query: str = "") -> Request:
    scope = {"type": "http", "query_string": query.encode(), "headers": [], "path": "/"}
    return Request(scope)


@pytest.fixture
def pages(tmp_path):
    (tmp_path / "page.html").write_text('{% extends "base.html" %}')
    shown = Pages(tmp_path, Catalogs(SHARED_TEXTS))
    shown.site = {"events_url": EVENTS, "registrations_url": "https://iscrizioni.example.it"}
    return shown


def test_a_form_sits_under_its_event_and_organization(pages):
    said = place(pages, request(), event=WELFARE, here=breadcrumbs.FORM)

    assert said == {
        "page_org": CREMA,
        "page_event": "welfare",
        "breadcrumbs": [
            ("Home", f"{EVENTS}/"),
            ("Comune di Crema", f"{EVENTS}/?organizer=comune-crema"),
            ("Il welfare dei piccoli Comuni", f"{EVENTS}/events/welfare"),
            ("Iscrizione", None),
        ],
    }


def test_the_event_page_is_the_last_crumb_and_links_keep_the_language_asked(pages):
    said = place(pages, request("lang=en"), event=WELFARE)

    assert said["breadcrumbs"] == [
        ("Home", f"{EVENTS}/?lang=en"),
        ("Comune di Crema", f"{EVENTS}/?organizer=comune-crema&lang=en"),
        ("Il welfare dei piccoli Comuni", None),
    ]


def test_the_layout_names_the_organization_and_marks_the_current_page(pages):
    context = place(pages, request(), event=WELFARE, here=breadcrumbs.PERSONAL)

    page = pages.render(request(), "page.html", context).body.decode()

    slim = re.search(r'<a class="navbar-brand" href="([^"]+)">([^<]+)</a>', page)
    assert slim is not None and slim.groups() == (f"{EVENTS}/?organizer=comune-crema", CREMA.name)
    assert '<div class="it-brand-title">Comune di Crema</div>' in page
    assert '<li class="breadcrumb-item active" aria-current="page">La tua iscrizione</li>' in page
    assert page.count("aria-current") == 1


def test_a_page_of_no_organization_names_the_site(pages):
    page = pages.render(request(), "page.html", place(pages, request())).body.decode()

    assert ">Convegni ed eventi pubblici dei Comuni</a>" in page
    assert '<li class="breadcrumb-item active" aria-current="page">Home</li>' in page

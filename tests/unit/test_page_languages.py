"""Catalog texts in templates: escaped like values unless their key ends in _html; the
layout's language switch offers every other language; dates read as Italians write them."""

import re
import shutil
from datetime import UTC, datetime

import jinja2
import pytest
from starlette.requests import Request

from shared.catalogs import SHARED_TEXTS, Catalogs
from shared.web.i18n import install_gettext
from shared.web.templating import Pages
from shared.web.timefmt import clock, long_date
from tests.unit.test_catalogs import domain_texts, write_catalog

pytestmark = pytest.mark.unit

SATURDAY = datetime(2026, 11, 28, 8, 30, tzinfo=UTC)


def page_request(query: str = "") -> Request:
    scope = {"type": "http", "query_string": query.encode(), "headers": [], "path": "/"}
    return Request(scope)


def test_html_escapes_catalog_texts_except_under_html_keys(tmp_path):
    for language in ("it", "en"):
        write_catalog(tmp_path, language, {"plain": "l'<b>", "rich_html": "<b>%(name)s</b>"})
    environment = jinja2.Environment(autoescape=True)
    install_gettext(environment, Catalogs(tmp_path))
    template = '{{ _("plain") }}|{{ _("rich_html", name="<i>") }}|{{ _("50% off") }}'

    page = environment.from_string(template).render(lang="it")

    assert page == "l&#39;&lt;b&gt;|<b>&lt;i&gt;</b>|50% off"


def test_plain_text_templates_say_catalog_texts_as_written(tmp_path):
    for language in ("it", "en"):
        write_catalog(tmp_path, language, {"plain": f"l'<b> {language} %(n)s"})
    environment = jinja2.Environment(autoescape=False)
    install_gettext(environment, Catalogs(tmp_path))

    said = environment.from_string('{{ _("plain", n=3) }}').render(lang="en")

    assert said == "l'<b> en 3"


@pytest.fixture
def pages_with_german(tmp_path):
    """The shared texts plus a German catalog, and a page that only extends the layout."""
    shared = tmp_path / "shared"
    shutil.copytree(SHARED_TEXTS, shared)
    # A language is offered once it has every domain: German gets each, layout its name.
    for domain, said in domain_texts(SHARED_TEXTS, "it").items():
        german = {key: f"[de] {key}" for key in said}
        named = {"language_name": "Deutsch"} if domain == "layout" else {}
        write_catalog(shared, "de", {**german, **named}, domain=domain)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text('{% extends "base.html" %}')
    return Pages(tmp_path / "templates", Catalogs(shared))


def language_links(page: str) -> list[tuple[str, str]]:
    """(code, name) of the links in the slim header's language switch."""
    switch = page.split('<nav class="it-header-slim-right-zone"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="\?lang=(\w+)" hreflang="\1"\s+lang="\1">([^<]+)</a>', switch)


def test_layout_switch_in_italian_and_english_is_one_link_to_the_other(tmp_path):
    (tmp_path / "page.html").write_text('{% extends "base.html" %}')
    pages = Pages(tmp_path, Catalogs(SHARED_TEXTS))

    italian = pages.render(page_request(), "page.html", {}).body.decode()
    english = pages.render(page_request("lang=en"), "page.html", {}).body.decode()

    assert language_links(italian) == [("en", "English")]
    assert language_links(english) == [("it", "Italiano")]


def test_layout_switch_offers_every_other_language(pages_with_german):
    page = pages_with_german.render(page_request("lang=de"), "page.html", {}).body.decode()

    assert '<html lang="de">' in page
    assert language_links(page) == [("it", "Italiano"), ("en", "English")]
    assert "[de] skip_to_content" in page


def test_long_date_reads_as_before_in_italian_and_english_and_babel_says_others():
    assert long_date(SATURDAY, "Europe/Rome", "it") == "sabato 28 novembre 2026"
    assert long_date(SATURDAY, "Europe/Rome", "en") == "Saturday 28 November 2026"
    assert long_date(SATURDAY, "Europe/Rome", "de") == "Samstag, 28. November 2026"


def test_long_date_and_clock_are_the_event_timezone_s():
    late = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)

    assert (long_date(late, "Europe/Rome"), clock(late, "Europe/Rome")) == (
        "domenica 29 novembre 2026",
        "00:30",
    )
    assert clock(None) == ""

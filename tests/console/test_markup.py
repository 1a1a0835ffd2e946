"""Every console page is valid HTML (html-validate's recommended rules), in both languages."""

import re

import pytest

from tests.console.browserless import Console, new_member, new_organization
from tests.console.payloads import small_event
from tests.support.html import html_problems
from tests.support.system import publish

pytestmark = pytest.mark.e2e

PAGES = [
    "/console/login",
    "/console/{org}/events",
    "/console/{org}/events/new",
    "/console/{org}/events/{event}",
    "/console/{org}/events/{event}/edit",
    "/console/{org}/events/{event}/programme",
    "/console/{org}/events/{event}/programme/{item}/edit",
    "/console/{org}/events/{event}/programme/{item}/remove",
    "/console/{org}/events/{event}/preview",
    "/console/{org}/events/{event}/revisions",
    "/console/{org}/events/{event}/cancel",
    "/console/{org}/events/{event}/changes",
    "/console/{org}/speakers",
    "/console/{org}/speakers/new",
    "/console/{org}/speakers/{speaker}/edit",
    "/console/{org}/venues",
    "/console/{org}/venues/new",
    "/console/{org}/tokens",
    "/console/{org}/tokens/new",
]


@pytest.fixture(scope="module")
def owner(stack):
    """An owner's browser, and the ids of a published event of theirs."""
    organization = new_organization(stack, "markup")
    console = Console(stack)
    console.log_in(new_member(stack, organization, "owner"))
    event = publish(stack, small_event(organization.slug), organization=organization.slug)
    [item] = event["programme"]
    speakers = console.get(f"/console/{organization.slug}/speakers").text
    speaker = re.search(r"/speakers/(\d+)/edit", speakers).group(1)
    ids = {"org": organization.slug, "event": event["id"], "item": item["id"], "speaker": speaker}
    yield console, ids
    console.close()


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_is_valid_html(owner, page, lang):
    console, ids = owner

    answer = console.get(f"{page.format(**ids)}?lang={lang}")

    assert answer.status_code == 200
    assert f'<html lang="{lang}">' in answer.text
    assert html_problems(answer.text) == []


def test_form_with_problems_is_valid_html(owner):
    console, ids = owner
    new = "/console/{org}/events/new".format(**ids)

    answer = console.submit(new, new, title="", capacity="molti")

    assert answer.status_code == 422
    assert html_problems(answer.text) == []

"""A person's own page and data name the privacy notice they consented to, at the address
where that version stays; the page's footer leads to the event's notice."""

import httpx
import pytest

from tests.manage.pages import new_people

pytestmark = pytest.mark.e2e


def test_the_personal_page_and_data_name_the_consented_notice(stack, published, register):
    event = published()
    registration = register(event, new_people(1)[0])
    stored = httpx.get(f"{registration.manage_url}/data.json").json()["registration"]
    notice = f"{stack.url('registrations')}/events/{event['slug']}/privacy/"
    assert stored["privacy_notice_url"].startswith(notice)
    assert stored["privacy_notice_url"].endswith("/" + stored["privacy_notice_version"])
    page = httpx.get(registration.manage_url).text
    assert f'href="{stored["privacy_notice_url"]}"' in page
    assert f'/events/{event["slug"]}/privacy"' in page  # the footer: the notice in force
    assert httpx.get(stored["privacy_notice_url"]).status_code == 200

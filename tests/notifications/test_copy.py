"""Emails and the delivery log as people read them: the event's Italian title and venue
marked in an English email, deliveries counted in the singular and the plural."""

import httpx
import pytest
from markupsafe import escape

from devstack.waiting import wait_until
from shared.settings import DEVELOPMENT_SECRET
from tests.notifications.mailbox import html, register, wait_for_mails_to
from tests.support.people import people
from tests.support.reading import said
from tests.support.system import conference, publish, wait_until_registrable

pytestmark = pytest.mark.e2e

OPS = {"Authorization": f"Bearer {DEVELOPMENT_SECRET}"}


def caption(stack, lang: str) -> str:
    page = httpx.get(f"{stack.url('notifications')}/deliveries?lang={lang}", headers=OPS)
    assert page.status_code == 200, page.text
    return said(page.text.split("<caption>", 1)[1].split("</caption>", 1)[0])


def test_english_email_marks_the_italian_title_and_counts_deliveries(stack):
    event = publish(stack, conference())
    wait_until_registrable(stack, event["slug"])
    first, second = people(2, tag="copy")

    assert register(stack, event["slug"], first, language="en").status_code == 201
    [mail] = wait_for_mails_to(stack, first, 1)
    one = [caption(stack, "it"), caption(stack, "en")]
    assert register(stack, event["slug"], second).status_code == 201
    wait_until(lambda: caption(stack, "it").startswith("2 "), timeout=60, what="two deliveries")
    two = [caption(stack, "it"), caption(stack, "en")]

    assert f'lang="it">{escape(event["title"])}</h1>' in html(mail)
    assert f'<span lang="it">{escape(event["venue"]["name"])}' in html(mail)
    assert one == ["1 invio", "1 delivery"]
    assert two == ["2 invii, i più recenti per primi", "2 deliveries, newest first"]

"""Links that are altered, old, for something else or for nobody: a page that says so,
never a server error; forms that do not carry their page's token change nothing."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from services.registrations.domain.links import Link, make_token
from shared.settings import DEVELOPMENT_SECRET
from tests.manage.pages import new_people, tampered, token_of
from tests.support.html import html_problems

pytestmark = pytest.mark.e2e

PAST = datetime.now(UTC) - timedelta(hours=1)
TOMORROW = datetime.now(UTC) + timedelta(days=1)


def crafted(registration_id: str, purpose: str, expires: datetime | None = None) -> str:
    return make_token(Link(registration_id, purpose, expires), secret=DEVELOPMENT_SECRET)


def test_tampered_tokens_get_a_link_not_valid_page(client, published, register):
    registration = register(published(), new_people(1)[0])
    bad = tampered(token_of(registration.manage_url))

    answers = [
        client.get(f"/r/{bad}"),
        client.get(f"/r/{bad}/event.ics"),
        client.get(f"/r/{bad}/data.json"),
        client.get(f"/confirm/{bad}"),
        client.get(f"/accept/{bad}"),
        client.get("/r/not-a-token"),
        client.post(f"/r/{bad}/cancel", data={"token": bad}),
    ]
    english = client.get(f"/r/{bad}?lang=en")

    assert [answer.status_code for answer in answers] == [400] * len(answers)
    assert "Link non valido" in answers[0].text
    assert "Link not valid" in english.text
    assert html_problems(answers[0].text) == []


def test_a_link_for_another_purpose_is_not_valid(client, published, register):
    registration = register(published(), new_people(1)[0])
    manage = token_of(registration.manage_url)

    assert client.get(f"/confirm/{manage}").status_code == 400
    assert client.get(f"/accept/{manage}").status_code == 400
    assert client.get(f"/r/{crafted(registration.id, 'confirm')}").status_code == 400


def test_expired_and_unknown_links(client, published, register):
    registration = register(published(), new_people(1)[0])

    expired = client.get(f"/r/{crafted(registration.id, 'manage', PAST)}")
    unknown = client.get(f"/r/{crafted(str(uuid.uuid4()), 'manage')}")

    assert expired.status_code == 410
    assert "Link scaduto" in expired.text
    assert unknown.status_code == 404
    assert "Iscrizione non trovata" in unknown.text


def test_expired_confirm_link_says_the_registration_lapsed_and_offers_the_form(
    client, published, register
):
    event = published()
    registration = register(event, new_people(1)[0])
    client.post(
        f"{registration.manage_url}/cancel", data={"token": token_of(registration.manage_url)}
    )

    expired = client.get(f"/confirm/{crafted(registration.id, 'confirm', PAST)}")
    too_late = client.get(f"/confirm/{crafted(registration.id, 'confirm')}")

    assert expired.status_code == too_late.status_code == 410
    assert "Iscrizione scaduta" in expired.text
    assert f'href="/events/{event["slug"]}/register"' in expired.text


def test_following_a_confirm_link_twice_is_fine(client, published, register):
    registration = register(published(), new_people(1)[0])
    token = crafted(registration.id, "confirm", TOMORROW)

    opened = client.get(f"/confirm/{token}")
    pressed = client.post(f"/confirm/{token}", data={"token": token})

    assert opened.status_code == pressed.status_code == 200
    assert "Indirizzo confermato" in opened.text
    assert "Indirizzo confermato" in pressed.text
    assert registration.manage_url in pressed.text


def test_an_offer_link_that_is_not_the_current_offer_is_gone(client, published, register):
    registration = register(published(), new_people(1)[0])

    other_offer = client.get(f"/accept/{crafted(registration.id, 'accept1')}")
    never_made = client.get(f"/accept/{crafted(registration.id, 'accept0')}")

    assert other_offer.status_code == 410
    assert "Offerta scaduta" in other_offer.text
    assert never_made.status_code == 400


@pytest.mark.parametrize("sent", [{}, {"token": ""}, {"token": "x"}])
def test_a_form_without_its_pages_token_changes_nothing(client, published, register, sent):
    registration = register(published(), new_people(1)[0])

    confirm = f"/confirm/{crafted(registration.id, 'confirm', TOMORROW)}"

    answer = client.post(f"{registration.manage_url}/cancel", data=sent)
    confirmed = client.post(confirm, data=sent)

    assert answer.status_code == confirmed.status_code == 403
    assert 'data-status="confirmed"' in client.get(registration.manage_url).text

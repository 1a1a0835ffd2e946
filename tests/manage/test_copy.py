"""The personal pages as the participant reads them: one sentence per fact, and the event's
Italian title marked on the English page."""

import httpx
import pytest

from tests.manage.pages import new_people
from tests.manage.test_bad_links import TOMORROW, crafted
from tests.support.reading import said

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("it", "Grazie: indirizzo verificato, il tuo posto è confermato."),
        ("en", "Thank you: address verified, your seat is confirmed."),
    ],
)
def test_confirmed_address_is_thanked_in_one_plain_sentence(
    client, published, register, lang, sentence
):
    registration = register(published(), new_people(1)[0])
    token = crafted(registration.id, "confirm", TOMORROW)

    pressed = client.post(f"/confirm/{token}?lang={lang}", data={"token": token})

    assert pressed.status_code == 200
    assert sentence in said(pressed.text)


def test_english_personal_page_marks_the_italian_title(published, register):
    event = published()
    registration = register(event, new_people(1)[0])

    english = httpx.get(f"{registration.manage_url}?lang=en").text
    italian = httpx.get(registration.manage_url).text

    assert '<h1 class="h2" lang="it">' in english
    assert '<h1 class="h2">' in italian

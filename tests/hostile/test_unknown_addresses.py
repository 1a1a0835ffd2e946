"""An address nobody serves, on any of the three services: a person gets a page in their
language with a way to the events' home page; a program (by the /api/ path or by Accept)
gets the API's JSON. The delivery log without its token is such a page too."""

import pytest

from tests.support.html import html_problems

pytestmark = pytest.mark.e2e

SERVICES = ("events", "registrations", "notifications")
HEADINGS = {"it": "Pagina non trovata", "en": "Page not found"}
HOME_LINKS = {"it": "Torna alla pagina iniziale dei convegni", "en": "Back to the conferences"}


def heading(page: str) -> str:
    return page.split('<h1 class="h3">', 1)[1].split("</h1>", 1)[0]


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize(
    ("lang", "headers"),
    [("it", {"Accept-Language": "it-IT,it;q=0.9"}), ("en", {"Accept-Language": "en-GB,en"})],
)
def test_an_unknown_address_shows_a_person_a_page_in_their_language(
    stack, witness, service, lang, headers
):
    with witness.client(stack.url(service), headers={"Accept": "text/html", **headers}) as person:
        answer = person.get("/convegni-2019/programma")

    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in answer.text
    assert heading(answer.text) == HEADINGS[lang]
    assert f'href="{stack.url("events")}/">{HOME_LINKS[lang]}' in answer.text
    assert html_problems(answer.text) == []


@pytest.mark.parametrize("service", SERVICES)
def test_the_language_asked_for_in_the_address_is_kept_on_the_way_home(stack, witness, service):
    with witness.client(stack.url(service), headers={"Accept-Language": "it"}) as person:
        answer = person.get("/nessuna-pagina", params={"lang": "en"})

    assert heading(answer.text) == "Page not found"
    assert f'href="{stack.url("events")}/?lang=en"' in answer.text


def test_an_event_that_does_not_exist_is_said_in_italian_on_an_italian_page(stack, witness):
    with witness.client(stack.url("events")) as person:
        answer = person.get("/events/convegno-che-non-esiste")

    assert answer.status_code == 404
    assert heading(answer.text) == "Pagina non trovata"
    assert "No event" not in answer.text


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize(
    ("path", "headers"),
    [("/api/nothing-here", {}), ("/nothing-here", {"Accept": "application/json"})],
    ids=["by path", "by Accept"],
)
def test_an_unknown_address_answers_a_program_in_json(stack, witness, service, path, headers):
    with witness.client(stack.url(service), headers=headers) as program:
        answer = program.get(path)

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not Found", "errors": []}


def test_the_delivery_log_without_its_token_is_a_page_for_people(stack, witness):
    with witness.client(stack.url("notifications")) as person:
        page = person.get("/deliveries", params={"lang": "en"})
        api = person.get("/api/deliveries")

    assert page.status_code == api.status_code == 401
    assert page.headers["content-type"].startswith("text/html")
    assert heading(page.text) == "Restricted access"
    assert "Bearer" in api.json()["detail"]


def test_a_method_no_route_takes_is_a_page_naming_what_is_allowed(stack, witness):
    with witness.client(stack.url("events")) as person:
        answer = person.delete("/")

    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET"
    assert heading(answer.text) == "Operazione non disponibile"

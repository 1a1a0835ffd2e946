"""Importing a programme from a spreadsheet in the console: upload, a preview that shows the
items and what would change while nothing is saved, then confirm, which saves it as any edit
is (a draft's content; a published event's saved changes, public only once published). A
file with a bad row says the row and saves nothing; no file, or a programme a colleague
changed since the preview, is said too, and nothing is saved."""

import html
import re
from datetime import date, timedelta

import httpx
import pytest
from openpyxl import load_workbook

from devstack.demo import move_to_next_occurrence
from tests.console.browserless import csrf_on, form_on
from tests.console.payloads import api_get, created
from tests.support import programme_sheets
from tests.support.html import html_problems
from tests.support.system import conference, organizer_headers, publish

pytestmark = pytest.mark.e2e


def welfare(stack, organization, *, published: bool = False) -> tuple[dict, dict]:
    """The welfare convegno of `organization`, with no programme yet, and its facts."""
    facts = move_to_next_occurrence(conference(), date.today() + timedelta(days=7))
    empty = {**facts, "programme": []}
    if published:
        return publish(stack, empty, organization.slug), facts
    return created(stack, organization.slug, empty), facts


def upload(console, url: str, content: bytes, filename: str = "programma.csv") -> httpx.Response:
    page = console.get(f"{url}/programme/import")
    files = {"file": (filename, content, "text/csv")}
    return console.http.post(
        f"{url}/programme/import", data={"csrf": csrf_on(page.text)}, files=files
    )


def programme(stack, organization, event_id: str) -> list[dict]:
    return list(
        api_get(stack, organization.slug, f"/api/organizer/events/{event_id}/input")["programme"]
    )


def test_an_upload_is_previewed_then_saved_on_confirmation(stack, logged_in, organization):
    event, facts = welfare(stack, organization)
    url = f"/console/{organization.slug}/events/{event['id']}"
    titles = [item["title"] for item in facts["programme"]]
    content = programme_sheets.italian_csv(programme_sheets.rows(facts))

    offered = logged_in.get(f"{url}/programme")
    preview = upload(logged_in, url, content)
    while_previewing = programme(stack, organization, event["id"])
    confirmed = logged_in.http.post(
        f"{url}/programme/import/confirm",
        data=form_on(preview.text, f"{url}/programme/import/confirm"),
    )
    after = logged_in.get(confirmed.headers["location"])

    assert f'href="{url}/programme/import"' in offered.text
    assert preview.status_code == 200
    shown = html.unescape(preview.text)
    assert f"Lette {len(titles)} voci." in shown
    for title in titles:
        assert title in shown
        assert f"aggiunto '{title[:50]}" in shown
    assert "Carolina Maffezzoni" in shown
    assert html_problems(preview.text) == []
    assert while_previewing == []
    assert confirmed.status_code == 303
    assert "done=imported" in confirmed.headers["location"]
    assert "Programma importato." in after.text
    assert [item["title"] for item in programme(stack, organization, event["id"])] == titles


def test_a_bad_row_is_said_with_its_number_and_nothing_is_saved(stack, logged_in, organization):
    event, facts = welfare(stack, organization)
    url = f"/console/{organization.slug}/events/{event['id']}"
    lines = programme_sheets.rows(facts)
    lines[1][3] = "Conferenza stampa"

    refused = upload(logged_in, url, programme_sheets.italian_csv(lines))
    nothing = logged_in.http.post(
        f"{url}/programme/import",
        data={"csrf": csrf_on(logged_in.get(f"{url}/programme/import").text)},
    )

    assert refused.status_code == 422
    shown = html.unescape(refused.text)
    assert "Il file ha un problema" in shown
    assert "Riga 3, colonna «Tipo»: «Conferenza stampa» non è un tipo di voce" in shown
    assert "/programme/import/confirm" not in refused.text
    assert html_problems(refused.text) == []
    assert nothing.status_code == 422 and "Scegli il file da importare." in nothing.text
    assert programme(stack, organization, event["id"]) == []


def test_a_published_event_gets_saved_changes_to_review(stack, logged_in, organization):
    event, facts = welfare(stack, organization, published=True)
    url = f"/console/{organization.slug}/events/{event['id']}"
    preview = upload(logged_in, url, programme_sheets.italian_csv(programme_sheets.rows(facts)))

    logged_in.http.post(
        f"{url}/programme/import/confirm",
        data=form_on(preview.text, f"{url}/programme/import/confirm"),
    )
    page = httpx.get(f"{stack.url('events')}/events/{event['slug']}", timeout=30)
    review = logged_in.get(f"{url}/changes")

    assert "tra le modifiche da pubblicare" in html.unescape(preview.text)
    assert facts["programme"][1]["title"] not in html.unescape(page.text)
    assert facts["programme"][1]["title"][:50] in html.unescape(review.text)


def test_a_programme_changed_since_the_preview_is_previewed_again(stack, logged_in, organization):
    event, facts = welfare(stack, organization)
    url = f"/console/{organization.slug}/events/{event['id']}"
    preview = upload(logged_in, url, programme_sheets.italian_csv(programme_sheets.rows(facts)[:2]))
    colleague = {
        **facts,
        "slug": event["slug"],
        "programme": [{"kind": "talk", "title": "Nel frattempo"}],
    }
    with httpx.Client(
        base_url=stack.url("events"), headers=organizer_headers(stack, organization.slug)
    ) as api:
        assert api.put(f"/api/organizer/events/{event['id']}", json=colleague).status_code == 200

    again = logged_in.http.post(
        f"{url}/programme/import/confirm",
        data=form_on(preview.text, f"{url}/programme/import/confirm"),
    )

    assert again.status_code == 409
    assert "Il programma è cambiato dopo l'anteprima" in html.unescape(again.text)
    assert "rimosso 'Nel frattempo'" in html.unescape(again.text)
    assert [item["title"] for item in programme(stack, organization, event["id"])] == [
        "Nel frattempo"
    ]


def test_the_template_holds_the_programme_in_the_readers_language(stack, logged_in, organization):
    event, facts = welfare(stack, organization)
    created_with = {**facts, "slug": event["slug"]}
    with httpx.Client(
        base_url=stack.url("events"), headers=organizer_headers(stack, organization.slug)
    ) as api:
        assert api.put(f"/api/organizer/events/{event['id']}", json=created_with).status_code == 200
    url = f"/console/{organization.slug}/events/{event['id']}"

    italian = logged_in.get(f"{url}/programme.xlsx")
    english = logged_in.get(f"{url}/programme.xlsx?lang=en")

    assert italian.status_code == 200
    assert italian.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert re.search(
        r'filename="[a-z0-9-]+-programma\.xlsx"', italian.headers["content-disposition"]
    )
    sheets = [
        load_workbook(__import__("io").BytesIO(a.content)).worksheets[0] for a in (italian, english)
    ]
    assert sheets[0]["E1"].value == "titolo" and sheets[1]["E1"].value == "title"
    assert sheets[0]["E3"].value == facts["programme"][1]["title"]

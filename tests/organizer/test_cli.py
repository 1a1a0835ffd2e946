"""Issue 17's acceptance 5, through the `convegni` command line against the running system
behind its one origin: it logs in with the organization's token, imports the welfare
convegno's programme from an Excel file typed as an organizer would (a dry run that changes
nothing, then for real), the draft is published and its public page shows the programme; a
file with a bad row is reported with the row's number and nothing is written. Then the
registrations: exported with a progress bar, and followed live until Ctrl-C."""

import json
import os
import signal
import subprocess
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from devstack.demo import move_to_next_occurrence
from devstack.waiting import wait_until
from services.cli.main import cli
from tests.organizer.conftest import ORG
from tests.support import programme_sheets
from tests.support.system import conference, organizer_headers

pytestmark = pytest.mark.e2e


@pytest.fixture
def convegni(stack, tmp_path):
    """Runs the command in-process, its configuration in a folder of the test's own."""
    runner = CliRunner(env={"XDG_CONFIG_HOME": str(tmp_path / "config")})

    def run(*arguments: str) -> tuple[int, str]:
        result = runner.invoke(cli, list(arguments))
        assert "Traceback" not in result.output
        return result.exit_code, result.output

    token = organizer_headers(stack, ORG)["Authorization"].removeprefix("Bearer ")
    assert run("login", "--url", stack.origin, "--token", token)[0] == 0
    return run


def draft(stack) -> tuple[dict, dict]:
    """A draft of the welfare convegno with no programme yet, and the programme's facts."""
    facts = move_to_next_occurrence(conference(), date.today() + timedelta(days=7))
    with httpx.Client(base_url=stack.origin, headers=organizer_headers(stack, ORG)) as api:
        made = api.post("/api/organizer/events", json={**facts, "programme": []})
    assert made.status_code == 201, made.text
    return made.json(), facts


def programme_of(stack, event_id: str) -> list[dict]:
    with httpx.Client(base_url=stack.origin, headers=organizer_headers(stack, ORG)) as api:
        return list(api.get(f"/api/organizer/events/{event_id}/input").json()["programme"])


def test_the_demo_programme_is_imported_from_excel_and_published(stack, convegni, tmp_path):
    event, facts = draft(stack)
    sheet = tmp_path / "programma.xlsx"
    sheet.write_bytes(programme_sheets.workbook(programme_sheets.rows(facts)))
    titles = [item["title"] for item in facts["programme"]]

    listed = convegni("events")
    tried = convegni("programme", "import", event["slug"], str(sheet), "--dry-run")
    after_trying = programme_of(stack, event["id"])
    imported = convegni("programme", "import", event["slug"], str(sheet))
    published = convegni("events", "publish", event["slug"])
    page = httpx.get(f"{stack.origin}/events/{event['slug']}", timeout=30)

    assert listed[0] == 0 and event["slug"] in listed[1]
    assert tried[0] == 0
    assert f"Voci lette: {len(titles)}." in tried[1]
    assert f"aggiunto '{titles[1][:50]}" in tried[1]
    assert "Prova: non è stato salvato nulla" in tried[1]
    assert after_trying == []
    assert imported == (0, imported[1])
    assert "Programma importato nella bozza" in imported[1]
    assert published[0] == 0
    assert [item["title"] for item in programme_of(stack, event["id"])] == titles
    assert page.status_code == 200
    for title in titles:
        assert title.replace("'", "&#39;") in page.text
    assert "Carolina Maffezzoni" in page.text


def test_a_bad_row_is_reported_with_its_number_and_nothing_is_written(stack, convegni, tmp_path):
    event, facts = draft(stack)
    good = tmp_path / "programma.xlsx"
    good.write_bytes(programme_sheets.workbook(programme_sheets.rows(facts)))
    assert convegni("programme", "import", event["slug"], str(good))[0] == 0
    before = programme_of(stack, event["id"])
    lines = programme_sheets.rows(facts)
    lines[2][1] = "nove e mezza"  # the third item: row 4, under the headings
    bad = tmp_path / "sbagliato.xlsx"
    bad.write_bytes(programme_sheets.workbook(lines))

    code, said = convegni("programme", "import", event["slug"], str(bad))
    with httpx.Client(base_url=stack.origin, headers=organizer_headers(stack, ORG)) as api:
        straight = api.post(
            f"/api/organizer/events/{event['id']}/programme/import", content=bad.read_bytes()
        )

    assert code == 1
    assert "Il file ha problemi: non è stato salvato nulla." in said
    assert "Riga 4, colonna «Inizio»: «nove e mezza» non è un orario" in said
    assert straight.status_code == 422
    assert straight.json()["errors"] == [
        "Row 4, column “Inizio”: “nove e mezza” is not a time: write it as 9:30."
    ]
    assert programme_of(stack, event["id"]) == before


def test_the_template_comes_back_as_the_programme_it_holds(stack, convegni, tmp_path):
    event, facts = draft(stack)
    sheet = tmp_path / "programma.xlsx"
    sheet.write_bytes(programme_sheets.workbook(programme_sheets.rows(facts)))
    convegni("programme", "import", event["slug"], str(sheet))
    template = tmp_path / "modello.xlsx"

    downloaded = convegni("programme", "template", event["slug"], "-o", str(template))
    again = convegni(
        "--lang", "en", "programme", "import", event["slug"], str(template), "--dry-run"
    )

    assert downloaded[0] == 0
    assert load_workbook(template).sheetnames == ["Programma", "Istruzioni"]
    assert again[0] == 0 and "The programme stays as it is." in again[1]


def test_wrong_token_unknown_event_and_unreachable_server_are_said(stack, convegni, tmp_path):
    wrong = convegni("--token", "cvg_sbagliato", "events")
    unknown = convegni("programme", "import", "nessun-evento", str(Path(__file__)))
    away = convegni("--url", "http://127.0.0.1:9", "events")

    assert wrong[0] == 1 and "Il token API è sconosciuto o revocato" in wrong[1]
    assert unknown[0] == 1 and "Nessun evento «nessun-evento»" in unknown[1]
    assert away[0] == 1 and "Il sito http://127.0.0.1:9 non risponde" in away[1]


def test_registrations_are_exported_with_a_progress_bar(published, convegni, tmp_path):
    event = published()
    person = event.register("Carla", last_name=f"Export{uuid.uuid4().hex[:4]}")
    target = tmp_path / "iscrizioni.xlsx"

    code, said = convegni(
        "registrations", "export", event.slug, "--format", "xlsx", "-o", str(target)
    )

    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert code == 0
    assert f"Iscrizioni salvate in {target}" in said
    assert any(person["id"] in row for row in rows)


def test_registrations_are_followed_live_until_ctrl_c(published, stack, tmp_path):
    event = published()
    event.register("Prima")
    token = organizer_headers(stack, ORG)["Authorization"].removeprefix("Bearer ")
    env = {
        **os.environ,
        "CONVEGNI_URL": stack.origin,
        "CONVEGNI_TOKEN": token,
        "CONVEGNI_LANG": "en",
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    command = [sys.executable, "-m", "services.cli", "registrations", "follow", event.slug]
    follower = subprocess.Popen(
        [*command, "--every", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "Registrations so far: 1." in follower.stdout.readline()
        surname = f"Live{uuid.uuid4().hex[:4]}"
        event.register("Seconda", last_name=surname)
        line = wait_until(follower.stdout.readline, timeout=30, what="the new registration")
        follower.send_signal(signal.SIGINT)
        out, err = follower.communicate(timeout=30)
    finally:
        follower.kill()

    assert f"Seconda {surname}" in line and "confirmed" in line
    assert follower.returncode == 0
    assert "Stopped." in out
    assert "Traceback" not in err


def test_the_api_says_what_the_import_would_change_without_saving(stack):
    event, facts = draft(stack)
    content = programme_sheets.italian_csv(programme_sheets.rows(facts))

    with httpx.Client(base_url=stack.origin, headers=organizer_headers(stack, ORG)) as api:
        answer = api.post(
            f"/api/organizer/events/{event['id']}/programme/import",
            params={"dry_run": "true"},
            content=content,
            headers={"Content-Type": "text/csv"},
        )

    report = answer.json()
    assert answer.status_code == 200, answer.text
    assert (report["dry_run"], report["saved"], report["problems"]) == (True, False, [])
    assert report["items"] == len(facts["programme"])
    assert len(report["changes"]) == len(facts["programme"])
    assert json.dumps(report["changes"][0]["it"]).startswith('"aggiunto')
    assert programme_of(stack, event["id"]) == []

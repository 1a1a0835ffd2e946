"""The CSV and Excel exports: every field and answer, and nothing a spreadsheet would run."""

import csv
import io
import json
import sqlite3

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.e2e

FORMULA = '=HYPERLINK("http://x")'
MARKUP = "<b>Mario</b>"


def csv_rows(browser, path: str) -> list[dict[str, str]]:
    answer = browser.get(path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def xlsx_rows(browser, path: str) -> list[dict[str, object]]:
    answer = browser.get(path)
    assert answer.status_code == 200, answer.text
    sheet = load_workbook(io.BytesIO(answer.content)).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [dict(zip(header, row, strict=True)) for row in rows]


def xlsx_types(browser, path: str) -> set[str]:
    sheet = load_workbook(io.BytesIO(browser.get(path).content)).active
    return {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value}


def test_formula_cells_come_out_quoted_in_csv_and_xlsx(published):
    conference = published()
    conference.register(FORMULA, organization="+39 @cmd", last_name="-1+1")
    browser = conference.enter()

    from_csv = csv_rows(browser, f"{conference.page}/registrations.csv")
    from_xlsx = xlsx_rows(browser, f"{conference.page}/registrations.xlsx")

    for rows in (from_csv, from_xlsx):
        assert [row["Nome"] for row in rows] == ["'" + FORMULA]
        assert [row["Cognome"] for row in rows] == ["'-1+1"]
        assert [row["Ente o organizzazione"] for row in rows] == ["'+39 @cmd"]
    assert xlsx_types(browser, f"{conference.page}/registrations.xlsx") == {"s"}


def test_full_width_and_hidden_formula_starts_come_out_quoted(published):
    """＝ ＋ － ＠ read as = + - @ in some spreadsheets, as does a start behind a zero-width
    space: each cell gets the quote too."""
    conference = published()
    full_width = '\uff1dHYPERLINK("http://x")'
    conference.register(full_width, organization="\u200b@cmd", last_name="\uff0d1\uff0b1")
    browser = conference.enter()

    from_csv = csv_rows(browser, f"{conference.page}/registrations.csv")
    from_xlsx = xlsx_rows(browser, f"{conference.page}/registrations.xlsx")

    for rows in (from_csv, from_xlsx):
        assert [row["Nome"] for row in rows] == ["'" + full_width]
        assert [row["Cognome"] for row in rows] == ["'\uff0d1\uff0b1"]
        assert [row["Ente o organizzazione"] for row in rows] == ["'\u200b@cmd"]


def test_markup_in_names_is_text_on_the_page_and_in_exports(published):
    conference = published()
    conference.register(MARKUP, organization="<script>alert(1)</script>")
    browser = conference.enter()

    page = browser.get(conference.page)
    from_csv = csv_rows(browser, f"{conference.page}/registrations.csv")
    from_xlsx = xlsx_rows(browser, f"{conference.page}/registrations.xlsx")

    assert "&lt;b&gt;Mario&lt;/b&gt; Rossi" in page.text
    assert MARKUP not in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert [row["Nome"] for row in from_csv] == [MARKUP]
    assert [row["Nome"] for row in from_xlsx] == [MARKUP]


def _add_question(conference) -> int:
    """A custom question, written where the form editor keeps them."""
    database = conference.stack.config.var_dir / "registrations.db"
    options = [{"value": "veg", "it": "Vegetariano", "en": "Vegetarian"}]
    with sqlite3.connect(database, timeout=30) as connection:
        cursor = connection.execute(
            "INSERT INTO question (event_id, position, kind, label_it, label_en, required, "
            "options) VALUES (?, 0, 'single', 'Pasto', 'Meal', 0, ?)",
            (conference.id, json.dumps(options)),
        )
        return int(cursor.lastrowid or 0)


def test_every_field_and_answer_is_exported(published):
    conference = published()
    question = _add_question(conference)
    person = conference.register(
        phone="+39 0373 1234",
        role="Assessore",
        accessibility=["wheelchair"],
        answers={str(question): "veg"},
    )
    browser = conference.enter()

    (row,) = csv_rows(browser, f"{conference.page}/registrations.csv")
    (english,) = csv_rows(browser, f"{conference.page}/registrations.csv?lang=en")

    assert row["ID iscrizione"] == person["id"]
    assert row["Stato"] == "Confermata"
    assert english["Status"] == "Confirmed"
    assert (row["Modalità"], english["Mode"]) == ("In presenza", "In person")
    assert (row["Lingua"], english["Language"]) == ("italiano", "Italian")
    assert row["Telefono"] == "'+39 0373 1234"
    assert row["Ruolo"] == "Assessore"
    assert row["Esigenze di accessibilità"] == "Accesso in sedia a rotelle"
    assert row["Pasto"] == "Vegetariano"
    assert english["Meal"] == "Vegetarian"
    assert conference.registration(person["id"])["answers"] == {str(question): "veg"}


def test_exports_follow_the_filters(published):
    conference = published(capacity=1)
    conference.register("Maria")
    conference.register("Anna")
    browser = conference.enter()

    waiting = csv_rows(browser, f"{conference.page}/registrations.csv?status=waitlisted")

    assert [row["Nome"] for row in waiting] == ["Anna"]

"""The video platform's participants report read for online attendance: columns found by
their Italian or English headings, commas or semicolons, rejoins added up, and each row that
cannot be read named by its number as a spreadsheet shows it."""

import pytest

from services.registrations.domain.online_report import read_report

pytestmark = pytest.mark.unit


def test_a_zoom_report_adds_up_each_persons_rejoins():
    report = read_report(
        "\ufeffName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Anna Rossi,Anna.Rossi@comune-test.it,09:00,11:00,120\n"
        "Bruno Bianchi,bruno@comune-test.it,09:05,13:00,235\n"
        "Anna Rossi,anna.rossi@comune-test.it,11:10,13:00,110\n"
    )

    assert report.minutes == {"anna.rossi@comune-test.it": 230, "bruno@comune-test.it": 235}
    assert report.problems == []


def test_an_italian_spreadsheet_with_semicolons_and_decimal_commas_is_read():
    report = read_report("Nome;Indirizzo email;Minuti\nCarla;carla@comune-test.it;187,6\n\n")

    assert report.minutes == {"carla@comune-test.it": 188}


def test_each_row_that_cannot_be_read_is_named_by_its_number():
    report = read_report(
        "email,minuti\nanna@comune-test.it,abc\nnot-an-address,30\nbruno@comune-test.it,-5\n"
        "carla@comune-test.it\n"
    )

    assert [number for number, _ in report.problems] == [2, 3, 4, 5]
    assert "'abc' is not a number of minutes" in report.problems[0][1]


def test_a_file_without_the_columns_says_so():
    assert read_report("nome,cognome\nAnna,Rossi\n").problems == [
        (1, "no column of emails and minutes in the first row")
    ]
    assert read_report("").problems == [(1, "the file is empty")]

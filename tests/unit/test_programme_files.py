"""Programme spreadsheets as files: CSV as Excel in Italy saves it (';', Windows-1252) or as
UTF-8 with ','; Excel workbooks, told by their first bytes, with dates and times as Excel
keeps them; the template read back as written, its texts never formulas; what is no
spreadsheet, an old .xls, or a small file that unpacks huge, refused with the reason."""

import io
import zipfile
from datetime import UTC, date, datetime, time

import pytest
from openpyxl import load_workbook

from services.events.domain.programme_sheet import Frame, read_programme
from services.events.formats.programme_files import FileRefused, read_rows, template_file
from shared.contracts import ProgrammeItemV1, SpeakerV1

pytestmark = pytest.mark.unit

DAY = Frame(date(2026, 11, 30), date(2026, 11, 30))
PROGRAMME = (
    ProgrammeItemV1(
        kind="talk",
        title='=HYPERLINK("http://x.example")',
        starts_at=datetime(2026, 11, 30, 8, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 30, 9, 15, tzinfo=UTC),
        speakers=(SpeakerV1(name="Anna Bianchi", position="Sindaca", role="moderator"),),
    ),
    ProgrammeItemV1(kind="break", title="Pausa caffè"),
)


def test_a_csv_saved_by_excel_in_italy_is_read():
    content = "Giorno;Inizio;Titolo;Sala\r\n30/11/2026;9:00;Città e welfare;Sala Ovale\r\n"

    rows = read_rows(content.encode("cp1252"))
    reading = read_programme(rows, DAY)

    assert rows[1] == (2, ["30/11/2026", "9:00", "Città e welfare", "Sala Ovale"])
    assert [item.title for item in reading.programme] == ["Città e welfare"]


def test_a_utf8_csv_with_commas_and_a_byte_order_mark_is_read():
    content = '\ufefftitle,start,speakers\r\n"Tavola rotonda, poi dibattito",10:00,"A; B"\r\n'

    reading = read_programme(read_rows(content.encode("utf-8")), DAY)

    (item,) = reading.programme
    assert item.title == "Tavola rotonda, poi dibattito"
    assert [person.name for person in item.speakers] == ["A", "B"]


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_template_reads_back_and_keeps_texts_text(language):
    content = template_file(PROGRAMME, "Europe/Rome", language)

    rows = read_rows(content)
    reading = read_programme(rows, DAY)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]

    assert reading.problems == []
    assert reading.programme[0].title == PROGRAMME[0].title
    assert reading.programme[0].starts_at == datetime(2026, 11, 30, 9, 30)
    assert reading.programme[0].speakers[0].role == "moderator"
    assert rows[1][1][:3] == [datetime(2026, 11, 30), time(9, 30), time(10, 15)]
    assert sheet["E2"].data_type == "s"  # a title, even one starting with '=', is no formula
    assert rows[0][1][4] == ("titolo" if language == "it" else "title")


def test_the_template_has_a_guide_in_its_language():
    guide = load_workbook(io.BytesIO(template_file((), "Europe/Rome", "en"))).worksheets[1]

    assert guide.title == "Instructions"
    assert guide["A1"].value == "Column"
    assert guide["A2"].value == "day"
    assert "the event's first day" in guide["B2"].value


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "import_file_empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old workbook", "import_file_old_excel"),
        (b"PK\x03\x04 not really a zip", "import_file_unreadable"),
    ],
)
def test_what_is_no_readable_spreadsheet_is_refused_saying_why(content, key):
    with pytest.raises(FileRefused) as refused:
        read_rows(content)

    assert refused.value.key == key


def test_a_small_file_that_unpacks_huge_is_refused_before_it_is_opened():
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/sharedStrings.xml", b"a" * (30 * 1024 * 1024))

    with pytest.raises(FileRefused) as refused:
        read_rows(packed.getvalue())

    assert len(packed.getvalue()) < 100_000
    assert refused.value.key == "import_file_too_big"


def test_a_zip_that_is_no_workbook_is_unreadable():
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as other:
        other.writestr("content.xml", b"<office:document/>")  # an OpenDocument, say

    with pytest.raises(FileRefused) as refused:
        read_rows(packed.getvalue())

    assert refused.value.key == "import_file_unreadable"

"""Export cells a spreadsheet will not run: ASCII formula starts, their full-width and other
look-alikes, and those hidden behind spaces or zero-width characters, all get a quote."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from services.registrations.formats.cells import safe_cell
from services.registrations.formats.spreadsheets import to_xlsx

pytestmark = pytest.mark.unit

HIDDEN_FORMULAS = [
    "=1+1",
    "+39 @cmd",
    "-1+1",
    "@SUM(A1)",
    "\tcmd",
    "\r=1",
    "\n=1",
    '\uff1dHYPERLINK("http://x")',  # ＝ full-width equals
    "\uff0b1",  # ＋
    "\uff0d1",  # －
    "\uff20SUM(A1)",  # ＠
    "\ufe66 1",  # ﹦ small equals
    "\ufe62 1",  # ﹢ small plus
    "\u207c1",  # ⁼ superscript equals
    "\u2212 1",  # − minus sign
    "\u2011 1",  # non-breaking hyphen
    " =1+1",
    "\u3000\uff1d1",  # ideographic space, then ＝
    "\u200b=1",  # zero-width space
    "\ufeff=1",  # byte order mark
    "\u2060\u200d+1",  # word joiner, zero-width joiner
    "\u00a0@x",  # no-break space
    "\x0b=1",
]
PLAIN = ["Maria", "Comune di Crema", "", "3 persone", "'=già quotato", "Ａｎｎａ", "a=b", " Rossi"]


@pytest.mark.parametrize("text", HIDDEN_FORMULAS, ids=ascii)
def test_safe_cell_quotes_a_formula_start_however_written(text):
    cell = safe_cell(text)

    assert cell == "'" + text


@pytest.mark.parametrize("text", PLAIN, ids=ascii)
def test_safe_cell_leaves_plain_text_as_it_is(text):
    cell = safe_cell(text)

    assert cell == text


def test_safe_cell_says_nothing_for_none():
    assert safe_cell(None) == ""


def test_quoted_cells_stay_strings_in_a_workbook():
    rows = [["Nome"], *([safe_cell(text)] for text in HIDDEN_FORMULAS if "\x0b" not in text)]

    sheet = load_workbook(BytesIO(to_xlsx(rows))).active

    assert {cell.data_type for row in sheet.iter_rows() for cell in row} == {"s"}

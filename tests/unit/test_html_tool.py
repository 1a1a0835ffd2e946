"""The html-validate wrapper the page tests rely on: quiet on valid HTML, names the rules."""

import pytest

from tests.support.html import html_problems

pytestmark = pytest.mark.unit

VALID = """<!doctype html>
<html lang="it">
<head>
  <meta charset="utf-8">
  <title>Convegni</title>
</head>
<body>
  <main id="main">
    <h1>Prossimi convegni</h1>
    <p>Non ci sono convegni in programma al momento.</p>
  </main>
</body>
</html>
"""

BROKEN = """<!doctype html>
<html lang="it">
<head>
  <meta charset="utf-8">
  <title>Convegni</title>
</head>
<body>
  <main id="main">
    <h1 id="titolo">Welfare</h1>
    <h2 id="titolo">Programma</h2>
    <div class="programme">
  </main>
</body>
</html>
"""


def test_valid_document_has_no_problems():
    assert html_problems(VALID) == []


def test_problems_name_the_rules_and_lines():
    problems = html_problems(BROKEN)

    assert any(p.startswith("no-dup-id (line 10)") for p in problems), problems
    assert any(p.startswith("close-order") and "<div>" in p for p in problems), problems

"""HTML validation for tests: our pages through html-validate, problems as readable lines.

The rules are html-validate's "recommended" preset (/.htmlvalidate.json), relaxed in three
places only, each because the markup is right and the rule is about something else:

- doctype-style: set to "lowercase", not off. The doctype is case-insensitive in HTML and
  our base layout writes `<!doctype html>`; the rule still keeps every page to one spelling.
- no-trailing-whitespace: off. Jinja block and control tags (`{% if %}`, `{% for %}`,
  `{% block %}`) leave their line's indentation behind on otherwise empty lines of the
  rendered page. That whitespace is insignificant in HTML, and trimming it everywhere would
  need `{%-` on every tag, making the templates harder to read for no change in the page.
- long-title: off. The page <title> is the organizer's event title plus " · Convegni";
  real titles ("Coordinare le politiche sociali all'interno dell'Area Omogenea") pass 70
  characters. Its length is content, which the templates cannot and should not shorten.

Everything else in the preset (ids, nesting, closing, ARIA, labels, button types, inline
style, raw characters, ...) stays an error.
"""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HTML_VALIDATE = ROOT / "node_modules" / ".bin" / "html-validate"
CONFIG = ROOT / ".htmlvalidate.json"


class HtmlValidateMissing(RuntimeError):
    """html-validate is not installed in node_modules."""


def _run(document: str) -> str:
    if not HTML_VALIDATE.exists():
        raise HtmlValidateMissing(
            f"{HTML_VALIDATE.relative_to(ROOT)} is missing: run `npm ci` in {ROOT}"
        )
    # An explicit --config: with --stdin there is no file path to look the config up from.
    result = subprocess.run(
        [
            str(HTML_VALIDATE),
            "--config",
            str(CONFIG),
            "--stdin",
            "--stdin-filename",
            "document.html",
            "--formatter",
            "json",
        ],
        input=document,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    # Exit 1 only means "problems found"; anything else is the tool itself failing.
    if result.returncode not in (0, 1):
        raise RuntimeError(f"html-validate failed ({result.returncode}): {result.stderr}")
    return result.stdout


def _problem(message: dict[str, object]) -> str:
    return f"{message['ruleId']} (line {message['line']}): {message['message']}"


def html_problems(document: str) -> list[str]:
    """html-validate's findings on `document` as "rule (line n): message"; [] when valid."""
    output = _run(document).strip()
    if not output:
        return []
    return [_problem(m) for result in json.loads(output) for m in result["messages"]]

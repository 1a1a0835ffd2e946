"""The tables of a page as a person reads them, and a page's JSON island, with the standard
library's HTML parser: what a test compares with counts taken elsewhere."""

import html
import json
import re
from html.parser import HTMLParser
from typing import Any


class _Tables(HTMLParser):
    """Each <table data-table="name">: its caption, its rows as lists of cell texts, and the
    rows marked <tr data-row="key"> by their key."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, dict[str, Any]] = {}
        self._table: dict[str, Any] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "table" and named.get("data-table"):
            self._table = {"caption": "", "rows": [], "named": {}}
            self.found[str(named["data-table"])] = self._table
        elif self._table is None:
            return
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
            if named.get("data-row") is not None:
                self._table["named"][named["data-row"]] = self._row
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self._table is None:
            return
        if tag == "table":
            self._table = None
        elif tag == "caption" and self._caption is not None:
            self._table["caption"] = _text(self._caption)
            self._caption = None
        elif tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append(_text(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table["rows"].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def _text(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", html.unescape("".join(parts))).strip()


def tables(page: str) -> dict[str, dict[str, Any]]:
    """name -> {"caption": text, "rows": [[cell text, ...], ...] (the header row first),
    "named": {key: row}}."""
    parser = _Tables()
    parser.feed(page)
    return parser.found


def json_island(page: str, element_id: str) -> Any:
    """The JSON in <script type="application/json" id=element_id>."""
    found = re.search(
        rf'<script type="application/json" id="{re.escape(element_id)}">(.*?)</script>',
        page,
        flags=re.S,
    )
    assert found, f"no JSON island #{element_id} on the page"
    return json.loads(found.group(1))

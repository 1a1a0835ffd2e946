"""A Comune's own website on another origin, with the organization's events pasted in as its
web editor would paste them: the script and its <div> (a plain link inside, for a browser
without JavaScript), the iframe of the framed list, or an iframe of any other page."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def comune_page(
    site: str,
    organization: str,
    *,
    lang: str = "it",
    script: bool = True,
    frame: str | None = None,
    data_lang: str | None = None,
) -> str:
    """The page, styled by the kit as a Bootstrap Italia site is; `frame` is a path of
    `site` shown in an iframe (the framed list, or a page that must refuse it)."""
    attrs = f' data-lang="{escape(data_lang)}"' if data_lang else ""
    parts = [
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<title>Comune di Crema</title><link rel="stylesheet" href="{site}/static/bi/css/'
        'bootstrap-italia.min.css"></head><body><main class="container my-4">',
        "<h1>Comune di Crema</h1><h2>Eventi</h2>",
    ]
    if script:
        parts += [
            f'<div id="convegni-list" data-convegni-organization="{escape(organization)}"{attrs}>',
            f'<a href="{site}/?organizer={escape(organization)}">Gli eventi</a></div>',
            f'<script src="{site}/embed/events.js" defer></script>',
        ]
    if frame is not None:
        parts.append(
            f'<iframe id="convegni-frame" src="{site}{frame}" title="Eventi" '
            'style="width:100%;height:28rem;border:0" loading="lazy"></iframe>'
        )
    parts.append("</main></body></html>")
    return "\n".join(parts)


@contextmanager
def serving(pages: dict[str, str]) -> Iterator[str]:
    """A small web server on a free port of 127.0.0.1 answering `pages` (path -> HTML), as
    another origin; yields its address."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "").encode())

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

"""The inbox page: browse what the sink received, read it, download its parts and raw source."""

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from jinja2 import Environment, FileSystemLoader

from devstack.mailsink import store

NOT_FOUND = "Messaggio non trovato / Message not found"

# Message parts are served on the inbox's own origin, so HTML in them must never run scripts here.
_UNTRUSTED_HEADERS = {"Content-Security-Policy": "sandbox", "X-Content-Type-Options": "nosniff"}

# Links in a mail (confirmation, cancellation) open in a new tab instead of inside the frame.
_SRCDOC_PREFIX = '<base target="_blank">'

_SHOWN_HEADERS = ("From", "To", "Cc", "Subject", "Date", "Message-ID")


def _format_date(value: datetime) -> str:
    return value.strftime("%d/%m/%Y %H:%M")


def _format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
)
_templates.filters["date"] = _format_date
_templates.filters["size"] = _format_size


def create_app(maildir: Path) -> FastAPI:
    """The inbox web app reading the Maildir at `maildir`."""
    app = FastAPI(title="convegni mailsink", docs_url=None, redoc_url=None, openapi_url=None)

    # Plain `def` routes: Maildir reads are blocking file I/O, so FastAPI runs them in a thread.
    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/messages")
    def api_messages() -> JSONResponse:
        return JSONResponse([summary.as_json() for summary in store.summaries(maildir)])

    @app.get("/", response_class=HTMLResponse)
    def inbox() -> HTMLResponse:
        return render("inbox.html", {"messages": store.summaries(maildir)})

    @app.get("/messages/{key}", response_class=HTMLResponse)
    def message(key: str) -> HTMLResponse:
        try:
            raw = store.read_raw(maildir, key)
        except KeyError:
            return render("not_found.html", {"key": key}, status_code=404)
        return render("message.html", message_context(key, raw))

    @app.get("/messages/{key}/raw")
    def raw(key: str) -> Response:
        try:
            data = store.read_raw(maildir, key)
        except KeyError:
            return PlainTextResponse(NOT_FOUND, status_code=404)
        return Response(data, media_type="message/rfc822", headers=_UNTRUSTED_HEADERS)

    @app.get("/messages/{key}/parts/{index}")
    def part(key: str, index: int) -> Response:
        try:
            found = store.parts(store.read_message(maildir, key))[index]
        except (KeyError, IndexError):
            return PlainTextResponse(NOT_FOUND, status_code=404)
        return part_response(found)

    return app


def render(template: str, context: Mapping[str, object], status_code: int = 200) -> HTMLResponse:
    """A page from templates/, autoescaped."""
    html = _templates.get_template(template).render(context)
    return HTMLResponse(html, status_code=status_code)


def message_context(key: str, raw: bytes) -> dict[str, object]:
    """Everything the detail page shows about one stored message."""
    message = store.parse(raw)
    html = store.text_body(message, "html")
    return {
        "key": key,
        "subject": store.header(message, "Subject"),
        "headers": [(name, store.header(message, name)) for name in _SHOWN_HEADERS],
        "text": store.text_body(message, "plain"),
        "html_srcdoc": None if html is None else _SRCDOC_PREFIX + html,
        "parts": store.parts(message),
    }


def part_response(part: store.MessagePart) -> Response:
    """A part's decoded payload with its own content type and a filename to save it under."""
    disposition = "attachment" if part.filename else "inline"
    headers = {
        **_UNTRUSTED_HEADERS,
        "Content-Disposition": content_disposition(disposition, part.download_name),
    }
    return Response(part.payload(), media_type=_media_type(part), headers=headers)


def content_disposition(disposition: str, filename: str) -> str:
    """A Content-Disposition value safe for any sender-chosen filename (RFC 6266)."""
    # Senders may put paths or control characters in filenames; keep only a printable base name.
    name = "".join(char for char in filename if char.isprintable())
    name = name.replace("\\", "/").rsplit("/", 1)[-1] or "allegato"
    fallback = name.encode("ascii", "replace").decode("ascii").replace('"', "'")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def _media_type(part: store.MessagePart) -> str:
    charset = part.part.get_content_charset()
    return f"{part.content_type}; charset={charset}" if charset else part.content_type

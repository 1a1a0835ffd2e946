"""ETag and Cache-Control for public pages: a reader who has the page gets a 304, cheaply.

The tag is computed from what the page shows (ids and revisions, language, and the templates'
own version) before anything is rendered, so a 304 costs one query and no template.
"""

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response


def files_version(*folders: Path) -> str:
    """A digest of every file under `folders`: pages change when templates do."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def etag(*parts: object) -> str:
    key = "\x1f".join(str(part) for part in parts)
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def _matches(request: Request, tag: str) -> bool:
    given = request.headers.get("if-none-match", "")
    candidates: Iterable[str] = (t.strip().removeprefix("W/") for t in given.split(","))
    return given.strip() == "*" or tag in candidates


def cached(request: Request, tag: str, render: Callable[[], Response], *, max_age: int) -> Response:
    """304 when the reader's copy is current, else the rendered page; both carry the tag."""
    headers = {
        "ETag": tag,
        "Cache-Control": f"public, max-age={max_age}",
        "Vary": "Accept-Language",
    }
    if _matches(request, tag):
        return Response(status_code=304, headers=headers)
    response = render()
    response.headers.update(headers)
    return response

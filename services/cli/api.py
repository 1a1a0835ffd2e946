"""The organizer API as the command line calls it: one origin (the site's address, where the
proxy sends each path to its service), the organization's token, and every way a call can
fail turned into a sentence for the person (a `Failure`), never a traceback."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from services.cli.say import Failure

TIMEOUT = httpx.Timeout(60.0, connect=10.0)
# What httpx raises when the server cannot be reached or stops answering mid-way.
UNREACHABLE = (httpx.TransportError,)
BAD_ADDRESS = (httpx.InvalidURL, httpx.UnsupportedProtocol)
_FILENAME = re.compile(r'filename="([^"/\\]+)"')


class Api:
    """Calls to one site with one token, in one language."""

    def __init__(self, url: str, token: str, language: str) -> None:
        self.url = url.rstrip("/")
        self.language = language
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        try:
            self.http = httpx.Client(base_url=self.url, headers=headers, timeout=TIMEOUT)
        except BAD_ADDRESS as bad:
            raise Failure("cli_bad_url", url=url) from bad

    def close(self) -> None:
        self.http.close()

    def call(self, method: str, path: str, **options: Any) -> httpx.Response:
        """The answer, once it is a success; any failure raised as a `Failure`."""
        try:
            answer = self.http.request(method, path, **options)
        except BAD_ADDRESS as bad:
            raise Failure("cli_bad_url", url=self.url) from bad
        except UNREACHABLE as away:
            raise Failure("cli_unreachable", url=self.url) from away
        refused(answer)
        return answer

    def json(self, method: str, path: str, **options: Any) -> Any:
        return self.call(method, path, **options).json()

    @contextmanager
    def download(self, path: str, **options: Any) -> Iterator[httpx.Response]:
        """A streamed answer (an export), checked before its body is read."""
        try:
            with self.http.stream("GET", path, **options) as answer:
                if answer.is_error:
                    answer.read()
                    refused(answer)
                yield answer
        except BAD_ADDRESS as bad:
            raise Failure("cli_bad_url", url=self.url) from bad
        except UNREACHABLE as away:
            raise Failure("cli_unreachable", url=self.url) from away

    def events(self) -> list[dict[str, Any]]:
        return list(self.json("GET", "/api/organizer/events"))

    def event(self, reference: str) -> dict[str, Any]:
        """One of the organization's events, by its id or its address (slug)."""
        for event in self.events():
            if reference in (event["id"], event["slug"]):
                return event
        raise Failure("cli_unknown_event", event=reference)


def refused(answer: httpx.Response) -> None:
    """Raise the `Failure` a refusal means; nothing for a success."""
    if answer.is_success:
        return
    detail, errors = _said(answer)
    if answer.status_code == 401:
        raise Failure("cli_bad_token")
    if answer.status_code == 403:
        raise Failure("cli_forbidden", detail=detail)
    if answer.status_code == 404:
        raise Failure("cli_not_found", detail=detail)
    if answer.status_code == 413:
        raise Failure("cli_too_big")
    if answer.status_code >= 500:
        raise Failure("cli_server_error", status=answer.status_code)
    raise Failure("cli_refused", detail="\n".join([detail, *errors]))


def _said(answer: httpx.Response) -> tuple[str, list[str]]:
    """The API's refusal ({"detail", "errors"}), or pydantic's, or the status alone."""
    try:
        body = answer.json()
    except ValueError:
        return answer.reason_phrase, []
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, list):  # pydantic's: where, and what
        return answer.reason_phrase, [str(problem.get("msg", problem)) for problem in detail]
    errors = body.get("errors") if isinstance(body, dict) else None
    return str(detail or answer.reason_phrase), [str(e) for e in errors or []]


def filename(answer: httpx.Response, fallback: str) -> str:
    """The name the server gives the download, else `fallback`."""
    found = _FILENAME.search(answer.headers.get("content-disposition", ""))
    return found.group(1) if found else fallback

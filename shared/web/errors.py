"""Turn refusals into 4xx answers: JSON for the API, a page for people. `refusals` declares
them in the OpenAPI schema, so that what a route may answer is what its schema says."""

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.routing import iter_route_contexts
from fastapi.utils import is_body_allowed_for_status_code
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, InterfaceError, InternalError, OperationalError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from shared.errors import UserFacingError
from shared.web.error_pages import ErrorPages
from shared.web.limits import BodyTooLarge
from shared.web.surrogates import sayable

log = logging.getLogger(__name__)


class ErrorOut(BaseModel):
    """Every refusal of the JSON API: what happened, then each thing to fix (maybe none)."""

    detail: str
    errors: list[str]


class FieldProblem(BaseModel):
    """One input FastAPI could not read: where it is, and what is wrong with it."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationOut(BaseModel):
    """A request FastAPI refused before the route ran (pydantic's own shape)."""

    detail: list[FieldProblem]


REASONS = {
    400: "The body could not be read (not UTF-8, or not what its Content-Type says)",
    401: "No credentials, or unknown or revoked ones",
    403: "The credentials' role may not do this",
    404: "Nothing at this address (or it is another organization's)",
    409: "Not possible in the resource's present state",
    410: "The link has expired",
    413: "The request body is over the size limit",
    422: "The input has problems to fix",
    429: "Too many requests from this address: see Retry-After",
    503: "The database is out of reach for a moment: nothing was saved, retry",
}

DATABASE_AWAY = (
    "The service cannot reach its database right now; nothing was saved. Please retry in a "
    "moment. / Il servizio non raggiunge il database; nulla è stato salvato. Riprova tra poco."
)


def refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route for these refusals, in the error shape above (a 422 may
    also be pydantic's, when the request could not even be read)."""
    return {
        status: {
            "model": ErrorOut | ValidationOut if status == 422 else ErrorOut,
            "description": REASONS[status],
        }
        for status in statuses
    }


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def install_error_handlers(app: FastAPI, pages: ErrorPages) -> None:
    @app.exception_handler(UserFacingError)
    async def _user_facing(request: Request, exc: UserFacingError) -> Response:
        if wants_json(request):
            body = {"detail": exc.message, "errors": exc.details}
            return JSONResponse(sayable(body), status_code=exc.status)
        if exc.status == 404:  # the use case's words are English: people read their own
            return pages.for_status(request, 404)
        return pages.said(request, exc.status, exc.message, " ".join(exc.details))

    @app.exception_handler(DBAPIError)
    async def _database_away(request: Request, exc: DBAPIError) -> Response:
        # A dropped connection or a restarting server: the transaction went with it, so the
        # honest answer is "nothing saved, retry", not a stack trace.
        if not _connection_problem(exc):
            raise exc
        log.warning("database unavailable: %s", type(exc.orig).__name__)
        if wants_json(request):
            body = {"detail": DATABASE_AWAY, "errors": []}
            return JSONResponse(body, status_code=503, headers={"Retry-After": "2"})
        return pages.said(request, 503, DATABASE_AWAY, "", {"Retry-After": "2"})

    @app.exception_handler(RequestValidationError)
    async def _unreadable(request: Request, exc: RequestValidationError) -> Response:
        """Pydantic's 422 as FastAPI gives it, with what it echoes made text UTF-8 can carry:
        bytes that are not UTF-8 would otherwise fail the answer itself (a 500)."""
        problems = jsonable_encoder(exc.errors(), custom_encoder={bytes: _as_text})
        return JSONResponse({"detail": sayable(problems)}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        """Starlette's refusals (no such route or method, a rate limit, a missing login):
        in the API's shape for programs, as a page in their language for people."""
        if isinstance(exc.__cause__, BodyTooLarge):  # FastAPI's "error parsing the body"
            raise exc.__cause__  # for BodySizeLimit, outside, to answer 413
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        if not is_body_allowed_for_status_code(exc.status_code):
            return Response(status_code=exc.status_code, headers=headers)
        if not wants_json(request):
            return pages.for_status(request, exc.status_code, headers)
        body = {"detail": str(exc.detail), "errors": []}
        return JSONResponse(body, status_code=exc.status_code, headers=headers)


def _as_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _connection_problem(exc: DBAPIError) -> bool:
    """A lost or refused connection, as opposed to a query the database refused."""
    if exc.connection_invalidated:
        return True
    # asyncpg's "another operation is in progress" is a connection left half-dead by a cut.
    if isinstance(exc, OperationalError | InterfaceError | InternalError):
        return True
    return "connection" in str(exc.orig).lower()  # asyncpg: a cut mid-query, as DBAPIError


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path: a 405 must name them all, while Starlette
    names only those of the first route matching the path."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        pattern = getattr(route, "path_regex", None)
        if pattern is not None and route.methods and pattern.match(request.url.path):
            methods.update(route.methods)
    return sorted(methods)

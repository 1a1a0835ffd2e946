"""Turn domain refusals into 4xx answers: JSON for the API, a page for people."""

import logging

from fastapi import FastAPI
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from shared.errors import UserFacingError
from shared.web.templating import Pages

log = logging.getLogger(__name__)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


DATABASE_AWAY = (
    "The service cannot reach its database right now; nothing was saved. Please retry in a "
    "moment. / Il servizio non raggiunge il database; nulla è stato salvato. Riprova tra poco."
)


def install_error_handlers(app: FastAPI, pages: Pages) -> None:
    @app.exception_handler(UserFacingError)
    async def _user_facing(request: Request, exc: UserFacingError) -> Response:
        return _refusal(request, pages, exc.status, exc.message, exc.details)

    @app.exception_handler(DBAPIError)
    async def _database_away(request: Request, exc: DBAPIError) -> Response:
        # A dropped connection or a restarting server: the transaction rolled back with it,
        # so the honest answer is "not saved, retry", not a stack trace.
        if not _connection_problem(exc):
            raise exc
        log.warning("database unavailable: %s", type(exc.orig).__name__)
        response = _refusal(request, pages, 503, DATABASE_AWAY, [])
        response.headers["Retry-After"] = "2"
        return response


def _connection_problem(exc: DBAPIError) -> bool:
    return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)


def _refusal(
    request: Request, pages: Pages, status: int, message: str, details: list[str]
) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": message, "errors": details}, status_code=status)
    context = {"heading": message, "message": " ".join(details)}
    return pages.render(request, "error.html", context, status_code=status)

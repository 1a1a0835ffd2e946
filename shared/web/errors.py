"""Turn domain refusals into 4xx answers: JSON for the API, a page for people."""

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from shared.errors import UserFacingError
from shared.web.templating import Pages


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def install_error_handlers(app: FastAPI, pages: Pages) -> None:
    @app.exception_handler(UserFacingError)
    async def _user_facing(request: Request, exc: UserFacingError) -> Response:
        if wants_json(request):
            body = {"detail": exc.message, "errors": exc.details}
            return JSONResponse(body, status_code=exc.status)
        context = {"heading": exc.message, "message": " ".join(exc.details)}
        return pages.render(request, "error.html", context, status_code=exc.status)

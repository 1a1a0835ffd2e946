"""Health routes every service exposes: is the process up (`/healthz`, and `/health` with the
bus state for people), is it ready to do its work (`/readyz`: database, NATS, streams)."""

import asyncio
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from shared.context import ServiceContext
from shared.web.deps import AnyCtxDep

router = APIRouter(tags=["health"])

DATABASE_TIMEOUT_SECONDS = 2.0


class Readiness(BaseModel):
    status: str
    problems: list[str]


@router.get("/health")
async def health(ctx: AnyCtxDep) -> dict[str, str]:
    """Up as soon as the process answers; `bus` says whether NATS is connected right now."""
    connected = ctx.bus is not None and ctx.bus.connected
    return {
        "status": "ok",
        "service": ctx.settings.service_name,
        "bus": "connected" if connected else "disconnected",
    }


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: the process answers. Nothing else is checked, so that an outage of the
    database or NATS never gets a healthy process restarted."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready: what is missing"}},
)
async def readyz(ctx: AnyCtxDep) -> JSONResponse:
    """Readiness: the database answers, NATS is connected and every stream exists; else 503
    with what is missing, so a load balancer sends no one here until it is fixed."""
    problems = await _database_problems(ctx)
    problems += await ctx.bus.unready_streams() if ctx.bus else ["nats: not started"]
    answer = Readiness(status="unready" if problems else "ready", problems=problems)
    return JSONResponse(answer.model_dump(), status_code=503 if problems else 200)


async def _database_problems(ctx: ServiceContext[Any]) -> list[str]:
    try:
        async with ctx.sessions() as session:
            await asyncio.wait_for(session.exec(text("SELECT 1")), DATABASE_TIMEOUT_SECONDS)  # type: ignore[call-overload]  # exec() is typed for select() only
    except Exception as exc:
        return [f"database: {type(exc).__name__}"]
    return []

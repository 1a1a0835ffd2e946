"""The health route every service exposes: is the process up, is the bus reachable."""

from fastapi import APIRouter

from shared.web.deps import CtxDep

router = APIRouter()


@router.get("/health", tags=["health"])
async def health(ctx: CtxDep) -> dict[str, str]:
    """Up as soon as the process answers; `bus` says whether NATS is connected right now."""
    connected = ctx.bus is not None and ctx.bus.connected
    return {
        "status": "ok",
        "service": ctx.settings.service_name,
        "bus": "connected" if connected else "disconnected",
    }

"""A per-address limit on posts (forms and the registration API): at most the service setting
`rate_limit_per_minute` in an address's window of a minute (0, or a service without the
setting, turns it off). The counts live in the service's database (`shared.rate_windows`), so
every replica and worker counts against the same limit."""

import time
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from shared import rate_windows
from shared.context import ServiceContext
from shared.web.deps import SessionDep

SCOPE = "posts"


def client_address(request: Request) -> str:
    """The client's address, as uvicorn has it from the peer or a trusted proxy's header."""
    return request.client.host if request.client else "unknown"


async def retry_after(request: Request, session: SessionDep) -> int:
    """Count this request against its address: 0 when allowed, else whole seconds to wait."""
    ctx: ServiceContext[Any] = request.app.state.ctx
    limit = int(getattr(ctx.settings, "rate_limit_per_minute", 0))
    address = client_address(request)
    return await rate_windows.hit(
        session, scope=SCOPE, address=address, limit=limit, now=time.time()
    )


async def rate_limited(wait: Annotated[int, Depends(retry_after)]) -> None:
    """Refuse with 429 and Retry-After when the address is over its limit (JSON routes)."""
    if wait:
        raise HTTPException(
            status_code=429,
            detail=f"Too many requests from your address: retry in {wait} seconds",
            headers={"Retry-After": str(wait)},
        )


RetryAfterDep = Annotated[int, Depends(retry_after)]

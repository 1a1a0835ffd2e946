"""A per-address limit on posts (forms and the registration API): at most the service setting
`rate_limit_per_minute` in an address's window of a minute (0, or a service without the
setting, turns it off). The counts live in the service's database (`shared.rate_windows`), so
every replica and worker counts against the same limit."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlmodel.ext.asyncio.session import AsyncSession

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
        raise too_many(wait)


def too_many(wait: int) -> HTTPException:
    return HTTPException(
        status_code=429,
        detail=f"Too many requests from your address: retry in {wait} seconds",
        headers={"Retry-After": str(wait)},
    )


@asynccontextmanager
async def limited_in_transaction(request: Request, session: AsyncSession) -> AsyncIterator[None]:
    """`rate_limited` for a route whose work commits anyway: the hit is counted in the
    route's transaction and commits with it (no transaction of its own); a refusal, a
    rollback or a failure still counts it (`rate_windows.settle`). Raises 429 as
    `rate_limited` does."""
    ctx: ServiceContext[Any] = request.app.state.ctx
    limit = int(getattr(ctx.settings, "rate_limit_per_minute", 0))
    wait = await rate_windows.stage_hit(
        session, scope=SCOPE, address=client_address(request), limit=limit, now=time.time()
    )
    if wait:
        await rate_windows.settle(session)
        raise too_many(wait)
    try:
        yield
    except BaseException:
        await rate_windows.settle(session, failed=True)
        raise
    await rate_windows.settle(session)


RetryAfterDep = Annotated[int, Depends(retry_after)]

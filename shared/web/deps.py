"""FastAPI dependencies every service uses; `context_of` types a service's own context."""

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.context import C, ServiceContext
from shared.web.templating import Pages


def context_of(kind: type[C]) -> Callable[[Request], C]:
    """A dependency giving the running service's context as its own class."""

    def get(request: Request) -> C:
        ctx = request.app.state.ctx
        if not isinstance(ctx, kind):  # a wiring mistake in main.py, caught on first use
            raise TypeError(f"the app holds a {type(ctx).__name__}, not a {kind.__name__}")
        return ctx

    return get


def get_pages(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages


def depends_on(get: Callable[[Request], C]) -> Any:
    """`Depends` on a plain lookup, resolved in the loop: FastAPI runs a `def` dependency in
    its thread pool, a thread hop per request to read an attribute."""

    async def resolved(request: Request) -> C:
        return get(request)

    return Depends(resolved)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    ctx: ServiceContext[Any] = request.app.state.ctx
    async with ctx.sessions() as session:
        yield session


AnyCtxDep = Annotated[ServiceContext[Any], depends_on(context_of(ServiceContext))]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
PagesDep = Annotated[Pages, depends_on(get_pages)]

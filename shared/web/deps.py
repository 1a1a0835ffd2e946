"""FastAPI dependencies every service uses."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.web.service import ServiceContext
from shared.web.templating import Pages


def get_ctx(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.ctx
    return ctx


def get_pages(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_ctx(request).sessions() as session:
        yield session


CtxDep = Annotated[ServiceContext, Depends(get_ctx)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
PagesDep = Annotated[Pages, Depends(get_pages)]

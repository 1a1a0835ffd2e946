"""The machine's ceiling: a bare FastAPI app whose one route inserts one row with a SQLAlchemy
Core insert on SQLite, through the services' own engine (WAL, synchronous=FULL, a write lock
per transaction, one connection). Run by the bench with uvicorn in one process, like a service."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Column, Integer, MetaData, String, Table

from shared.db import create_engine

METADATA = MetaData()
ROWS = Table(
    "row",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("email", String, nullable=False),
)


async def prepare_database(url: str) -> None:
    """The table, made once before the app starts."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(METADATA.create_all)
    await engine.dispose()


def create_app() -> FastAPI:
    url = os.environ.get("CEILING_DATABASE_URL", "sqlite+aiosqlite:///var/ceiling.db")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.engine = create_engine(url)
        yield
        await app.state.engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.post("/rows", status_code=201)
    async def insert(body: dict[str, str]) -> dict[str, int]:
        async with app.state.engine.begin() as connection:
            result = await connection.execute(ROWS.insert().values(email=body.get("email", "")))
            return {"id": result.inserted_primary_key[0]}

    return app

"""The machine's ceiling: a bare FastAPI app whose one route inserts one row with SQLModel on
SQLite, as the guide measured. Run by bench/ceiling.py with uvicorn, like the services."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlmodel import Field, SQLModel

from shared.db import create_engine, session_factory


class Row(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str


async def prepare_database(url: str) -> None:
    """The table, made once before the workers start (two workers making it at once would
    find SQLite locked, and one of them would die)."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    await engine.dispose()


def create_app() -> FastAPI:
    url = os.environ.get("CEILING_DATABASE_URL", "sqlite+aiosqlite:///var/ceiling.db")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(url)
        app.state.sessions = session_factory(engine)
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.post("/rows", status_code=201)
    async def insert(body: dict[str, str]) -> dict[str, int]:
        async with app.state.sessions() as session:
            row = Row(email=body.get("email", ""))
            session.add(row)
            await session.commit()
            return {"id": row.id or 0}

    return app

"""Counts per client address in the service's own database, so that every replica of a service
(and every worker of one) shares them: N replicas allow the limit once, not N times.

A window opens at an address's first hit and lasts `WINDOW_SECONDS`; a hit after it opens a new
one. One row per (scope, address) holds the window's start and its hits, and one UPSERT counts
a hit and answers with both (SQLite and PostgreSQL alike, atomically: two replicas counting the
same address at once both see their own count). An address therefore gets at most `limit` hits
in any window of its own, and at most twice that across the end of one and the start of the
next; a script hammering a form is stopped, a distributed attack is the reverse proxy's job.
Rows of windows long over are deleted by `forget_idle_windows`, which each service runs.
"""

import asyncio
import importlib
import logging
import math
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, case, delete, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel, col
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.db import execute_core

if TYPE_CHECKING:  # the table is imported by storage modules, which need no context
    from shared.context import ServiceContext

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60.0
ADDRESS_LENGTH = 64  # an IPv6 address fits; a longer "address" from a proxy's header is cut


class RateWindow(SQLModel, table=True):
    __tablename__ = "rate_window"

    scope: str = Field(primary_key=True, max_length=40)  # what is counted: "posts", ...
    address: str = Field(primary_key=True, max_length=ADDRESS_LENGTH)  # the client's IP address
    started: float  # when the window opened (seconds since the epoch: replicas share it)
    hits: int


@lru_cache(maxsize=2)
def _upsert(dialect: str) -> Any:
    """INSERT ... ON CONFLICT DO UPDATE: one more hit in a live window, else a new window.
    Built once per dialect (every registration runs it; building it cost more than running
    it), run with the hit's scope, address, time and the start of a live window."""
    # The dialect of the database in use only: PostgreSQL's module alone is ~2.4 MiB, which a
    # service on SQLite would keep for nothing (and the other way round).
    insert = importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert
    table = RateWindow.__table__  # type: ignore[attr-defined]
    statement = insert(table).values(
        scope=bindparam("hit_scope"),
        address=bindparam("hit_address"),
        started=bindparam("hit_at"),
        hits=1,
    )
    live = table.c.started > bindparam("live_since")
    return statement.on_conflict_do_update(
        index_elements=[table.c.scope, table.c.address],
        set_={
            "hits": case((live, table.c.hits + 1), else_=1),
            "started": case((live, table.c.started), else_=statement.excluded.started),
        },
    ).returning(table.c.started, table.c.hits)


async def hit(session: AsyncSession, *, scope: str, address: str, limit: int, now: float) -> int:
    """Count one hit at `now` (seconds since the epoch) and commit it: 0 when it is within the
    limit, else the whole seconds to wait (a refused hit counts too, which never makes the
    wait longer). A limit of 0 is none, and counts nothing."""
    wait = await _count(session, scope=scope, address=address, limit=limit, now=now)
    await session.commit()
    return wait


async def _count(session: AsyncSession, *, scope: str, address: str, limit: int, now: float) -> int:
    if limit <= 0:
        return 0
    given = {
        "hit_scope": scope,
        "hit_address": address[:ADDRESS_LENGTH],
        "hit_at": now,
        "live_since": now - WINDOW_SECONDS,
    }
    row = (await execute_core(session, _upsert(session.get_bind().dialect.name), given)).first()
    assert row is not None  # an UPSERT always returns its row
    started: float = row[0]
    hits: int = row[1]
    if hits <= limit:
        return 0
    return max(math.ceil(started + WINDOW_SECONDS - now), 1)


@dataclass
class Staged:
    """A hit counted in a request's open transaction; `lost` once a rollback undid it."""

    scope: str
    address: str
    limit: int
    now: float
    lost: bool = False


async def stage_hit(
    session: AsyncSession, *, scope: str, address: str, limit: int, now: float
) -> int:
    """Count one hit like `hit`, in the caller's transaction and without committing: it
    commits with the change the request makes, one transaction fewer per request. The
    caller then calls `settle`, which makes sure the hit counts whatever the request did."""
    wait = await _count(session, scope=scope, address=address, limit=limit, now=now)
    if limit > 0:
        session.info[STAGED] = Staged(scope, address, limit, now)
    return wait


async def settle(session: AsyncSession, *, failed: bool = False) -> None:
    """After a request that staged a hit: commit it if nothing did, count it again in a
    transaction of its own if a rollback undid it. `failed`: the request raised, so what its
    transaction holds is rolled back first (never committed with the hit)."""
    if failed and STAGED in session.info:
        await session.rollback()
    staged = session.info.pop(STAGED, None)
    if staged is None:  # committed with the request's change, or nothing was staged
        return
    if staged.lost:
        await hit(
            session, scope=staged.scope, address=staged.address, limit=staged.limit, now=staged.now
        )
    else:
        await session.commit()


# A hit staged in a session (`stage_hit`) leaves `session.info` once committed; a rollback
# marks it lost, for `settle` to count it again.
STAGED = "rate_window_staged"


@sa_event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    staged = session.info.get(STAGED)
    if staged is not None and not staged.lost:
        del session.info[STAGED]


@sa_event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    staged = session.info.get(STAGED)
    if staged is not None:
        staged.lost = True


async def forgive(session: AsyncSession, *, scope: str, address: str, now: float) -> None:
    """Take back one hit of the address's live window and commit (a hit that turned out not
    to be one to count: a login that succeeded)."""
    table = RateWindow.__table__  # type: ignore[attr-defined]
    await session.exec(
        update(table)
        .where(table.c.scope == scope, table.c.address == address[:ADDRESS_LENGTH])
        .where(table.c.hits > 0, table.c.started > now - WINDOW_SECONDS)
        .values(hits=table.c.hits - 1)
    )
    await session.commit()


async def forget_idle(session: AsyncSession, *, now: float) -> int:
    """Delete the rows of windows that are over at `now` and commit; returns how many."""
    over = delete(RateWindow).where(col(RateWindow.started) <= now - WINDOW_SECONDS)
    deleted = await session.exec(over)
    await session.commit()
    return int(deleted.rowcount)


async def forget_idle_windows(ctx: "ServiceContext[Any]") -> None:
    """Forget the windows that are over, once a window; every replica may run it."""
    while True:
        try:
            async with ctx.sessions() as session:
                await forget_idle(session, now=time.time())
        except Exception:
            log.exception("forgetting idle rate windows failed; trying again later")
        await asyncio.sleep(WINDOW_SECONDS)

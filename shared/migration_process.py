"""A service's migrations in a child process (`python -m shared.migrations`), so that the
service itself never loads Alembic: its ~11 MiB (with Mako and Pygments) and the revisions'
modules would otherwise stay in every process for as long as it runs."""

import asyncio
import os
import re
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

# The database URL travels in the environment, never on a command line that `ps` shows.
DATABASE_URL_VARIABLE = "CONVEGNI_MIGRATE_DATABASE_URL"


async def upgrade_in_child(database_url: str, migrations_dir: Path) -> None:
    """Bring the database to the newest revision in a child process; raise with the child's
    last lines if it fails."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "shared.migrations", str(migrations_dir),
        env={**os.environ, DATABASE_URL_VARIABLE: database_url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await child.communicate()
    if child.returncode != 0:
        tail = "\n".join(output.decode(errors="replace").splitlines()[-20:])
        raise RuntimeError(f"migrations failed (exit {child.returncode}):\n{tail}")


_REVISION = re.compile(r"^(down_revision|revision)\b[^=]*=\s*['\"]?([^'\"\s]+|None)", re.MULTILINE)


def head_revision(migrations_dir: Path) -> str | None:
    """The newest revision of a history, read from its files as Alembic writes them; None
    unless exactly one revision is no other's parent (then Alembic itself decides)."""
    revisions, parents = set(), set()
    for script in (migrations_dir / "versions").glob("*.py"):
        fields = dict((name, value) for name, value in _REVISION.findall(script.read_text()))
        if "revision" not in fields:
            return None
        revisions.add(fields["revision"])
        parents.add(fields.get("down_revision", "None"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


async def at_head(engine: AsyncEngine, migrations_dir: Path) -> bool:
    """Whether the database already stands at the newest revision: then a restart needs no
    child process at all. Any doubt (no table yet, an unreadable history) says no."""
    head = head_revision(migrations_dir)
    if head is None:
        return False
    try:
        async with engine.connect() as connection:
            found = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    except (DBAPIError, OSError):  # no table yet, or no server: the child will say why
        return False
    return bool(found == head)

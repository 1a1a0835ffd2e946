"""A service's migrations in a child process (`python -m shared.migrations`), so that the
service itself never loads Alembic: its ~11 MiB (with Mako and Pygments) and the revisions'
modules would otherwise stay in every process for as long as it runs."""

import asyncio
import os
import sys
from pathlib import Path

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

"""The backup and restore commands exactly as deploy/BACKUPS.md gives them, run as an operator
would run them (each a process of its own), failing loudly with what the command said."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The sqlite3 module's online backup: a consistent copy, even while the service writes.
SQLITE_COPY = (
    "import sqlite3, sys; source, copy = map(sqlite3.connect, sys.argv[1:]); "
    "source.backup(copy); copy.close()"
)


def run(*command: str | Path, expect: int = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(part) for part in command], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == expect, f"{command}: {done.returncode}\n{done.stdout}{done.stderr}"
    return done


def bus_backup(
    nats_url: str, *arguments: str | Path, expect: int = 0
) -> subprocess.CompletedProcess[str]:
    """`python -m shared.bus.backup --nats URL ...`"""
    return run(
        sys.executable, "-m", "shared.bus.backup", "--nats", nats_url, *arguments, expect=expect
    )


def libpq(database_url: str) -> str:
    """The URL pg_dump and pg_restore take: the service's DATABASE_URL without +asyncpg."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def back_up_database(database_url: str, to: Path) -> None:
    if make_url(database_url).get_backend_name() == "sqlite":
        run(sys.executable, "-c", SQLITE_COPY, make_url(database_url).database, to)
    else:
        run("pg_dump", "--format=custom", f"--dbname={libpq(database_url)}", f"--file={to}")


def restore_database(backup: Path, database_url: str) -> None:
    """Into a new, empty database (SQLite: a file not there yet)."""
    if make_url(database_url).get_backend_name() == "sqlite":
        target = Path(make_url(database_url).database or "")
        target.parent.mkdir(parents=True, exist_ok=True)
        run("cp", backup, target)
    else:
        run(
            "pg_restore", "--no-owner", "--exit-on-error", f"--dbname={libpq(database_url)}", backup
        )

"""`convegni registrations`: an event's registrations exported as the console's CSV or Excel
file (with a progress bar), or followed live: each new registration, and each change of
status, printed as it arrives.

Following asks the registrations service for the event's list every few seconds and prints
what it had not seen: the API has no stream of registrations, and a list read again is
what a reconnecting client would need anyway (nothing is missed between two reads)."""

import time
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from services.cli.api import Api, filename
from services.cli.app import Session, pass_session
from services.cli.say import ERR, OUT, Failure, SaidCommand, SaidGroup, SaidOption
from shared.catalogs import N_

CHUNK = 64 * 1024
# How a registration is said: "cli_reg_" + its status, "cli_mode_" + its mode.
SAID = (
    N_("cli_reg_pending"),
    N_("cli_reg_confirmed"),
    N_("cli_reg_waitlisted"),
    N_("cli_reg_offered"),
    N_("cli_reg_cancelled"),
    N_("cli_reg_expired"),
    N_("cli_reg_lapsed"),
    N_("cli_mode_in_person"),
    N_("cli_mode_online"),
)


@click.group(cls=SaidGroup, help=N_("cli_help_registrations"))
def registrations() -> None:
    pass


@registrations.command(cls=SaidCommand, help=N_("cli_help_export"))
@click.argument("event")
@click.option(
    "--format", "kind", type=click.Choice(("csv", "xlsx")), default="csv", cls=SaidOption,
    help=N_("cli_opt_format"),
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), cls=SaidOption,
    help=N_("cli_opt_output"),
)  # fmt: skip
@pass_session
def export(session: Session, event: str, kind: str, output: Path | None) -> None:
    api = session.api()
    try:
        slug = api.event(event)["slug"]
        path = f"/organizer/events/{slug}/registrations.{kind}"
        with api.download(path, params={"lang": session.language}) as answer:
            target = output or Path(filename(answer, f"{slug}-iscrizioni.{kind}"))
            _save(session, answer.iter_bytes(CHUNK), answer.headers, target)
    finally:
        api.close()
    OUT.print(session.say("cli_export_saved", path=target))


def _save(session: Session, chunks: Any, headers: Any, target: Path) -> None:
    """Write the download as it comes, with a bar of the bytes received."""
    size = headers.get("content-length")
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(*columns, TransferSpeedColumn(), console=ERR) as progress:
        task = progress.add_task(session.say("cli_downloading"), total=int(size) if size else None)
        try:
            with target.open("wb") as written:
                for chunk in chunks:
                    written.write(chunk)
                    progress.advance(task, len(chunk))
        except OSError as failed:
            raise Failure("cli_cannot_write", path=target, error=failed.strerror) from failed


@registrations.command(cls=SaidCommand, help=N_("cli_help_follow"))
@click.argument("event")
@click.option(
    "--every", type=click.FloatRange(min=1), default=5.0, show_default=True, cls=SaidOption,
    help=N_("cli_opt_every"),
)  # fmt: skip
@pass_session
def follow(session: Session, event: str, every: float) -> None:
    api = session.api()
    try:
        slug = api.event(event)["slug"]
        seen = {r["id"]: r["status"] for r in _registrations(api, slug)}
        OUT.print(session.say("cli_follow_start", count=len(seen)))
        while True:
            time.sleep(every)
            _news(session, api, slug, seen)
    except KeyboardInterrupt:
        OUT.print(session.say("cli_follow_stopped"))
    finally:
        api.close()


def _registrations(api: Api, slug: str) -> list[dict[str, Any]]:
    return list(api.json("GET", f"/api/organizer/events/{slug}/registrations"))


def _news(session: Session, api: Api, slug: str, seen: dict[str, str]) -> None:
    """Print the registrations not seen yet and the statuses that changed; a server that
    does not answer for a moment is said and asked again next time."""
    try:
        found = _registrations(api, slug)
    except Failure as failed:
        if failed.key != "cli_unreachable":
            raise
        ERR.print(session.say("cli_follow_retrying"))
        return
    for registration in found:
        before = seen.get(registration["id"])
        if before is None:
            OUT.print(_line(session, registration))
        elif before != registration["status"]:
            old, new = (session.term("cli_reg_", s) for s in (before, registration["status"]))
            OUT.print(
                session.say(
                    "cli_follow_changed", name=_name(session, registration), old=old, new=new
                )
            )
        seen[registration["id"]] = registration["status"]


def _line(session: Session, registration: dict[str, Any]) -> str:
    at = datetime.fromisoformat(registration["created_at"]).astimezone()
    parts = [
        f"{at:%Y-%m-%d %H:%M}",
        session.term("cli_reg_", registration["status"]),
        _name(session, registration),
        registration.get("organization") or "",
        session.term("cli_mode_", registration["mode"]),
        registration["ticket_code"],
    ]
    return "  ".join(part for part in parts if part)


def _name(session: Session, registration: dict[str, Any]) -> str:
    names = (registration.get("first_name"), registration.get("last_name"))
    return " ".join(n for n in names if n) or session.say("cli_erased")

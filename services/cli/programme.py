"""`convegni programme`: import an event's programme from a spreadsheet (CSV or Excel) and
download the template. The file is read by the events service (its dry run), so that the
command line, the console and any integrator read it alike; this only shows the answer.

An import always asks for the dry run first: its problems and changes are said in the
person's language with their row numbers, and a file with problems is never sent to be
saved. Then, unless --dry-run, the real import (the service checks everything again)."""

from pathlib import Path
from typing import Any

import click

from services.cli.api import Api, filename
from services.cli.app import Session, pass_session
from services.cli.say import ERR, OUT, Failure, SaidCommand, SaidGroup, SaidOption
from shared.catalogs import N_
from shared.media import XLSX


@click.group(cls=SaidGroup, help=N_("cli_help_programme"))
def programme() -> None:
    pass


@programme.command("import", cls=SaidCommand, help=N_("cli_help_import"))
@click.argument("event")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, cls=SaidOption, help=N_("cli_opt_dry_run"))
@click.option("--no-notify", is_flag=True, cls=SaidOption, help=N_("cli_opt_no_notify"))
@pass_session
def import_programme(
    session: Session, event: str, file: Path, dry_run: bool, no_notify: bool
) -> None:
    content = file.read_bytes()
    kind = XLSX if file.suffix.lower() == ".xlsx" else "text/csv"
    api = session.api()
    try:
        found = api.event(event)
        path = f"/api/organizer/events/{found['id']}/programme/import"
        with ERR.status(session.say("cli_reading")):
            report = _send(api, path, content, kind, dry_run=True, notify=True)
        _show(session, report)
        if report["problems"]:
            raise Failure("cli_problems")
        if dry_run:
            OUT.print(session.say("cli_dry_run"))
            return
        _send(api, path, content, kind, dry_run=False, notify=not no_notify)
    finally:
        api.close()
    if found["status"] == "draft":
        OUT.print(session.say("cli_imported_draft", event=found["slug"]))
    else:
        told = N_("cli_imported_quietly") if no_notify else N_("cli_imported_published")
        OUT.print(session.say(told))


def _send(
    api: Api, path: str, content: bytes, kind: str, *, dry_run: bool, notify: bool
) -> dict[str, Any]:
    params = {"dry_run": str(dry_run).lower(), "notify": str(notify).lower()}
    headers = {"Content-Type": kind}
    return dict(api.json("POST", path, content=content, params=params, headers=headers))


def _show(session: Session, report: dict[str, Any]) -> None:
    """The problems, each with its row; else the items read and what would change."""
    language = session.language
    if report["problems"]:
        ERR.print(session.say("cli_problems_found"), style="bold red")
        for problem in report["problems"]:
            ERR.print(f"  {problem[language]}")
        return
    OUT.print(session.say("cli_items_read", count=report["items"]))
    if report["ignored_columns"]:
        OUT.print(session.say("cli_ignored", columns=", ".join(report["ignored_columns"])))
    changes = report["changes"]
    OUT.print(session.say("cli_changes") if changes else session.say("cli_no_changes"))
    for change in changes:
        OUT.print(f"  - {change[language]}")
    if report["warnings"]:
        OUT.print(session.say("cli_warnings"))
        for warning in report["warnings"]:
            OUT.print(f"  ! {warning[language]}")


@programme.command(cls=SaidCommand, help=N_("cli_help_template"))
@click.argument("event")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), cls=SaidOption,
    help=N_("cli_opt_output"),
)  # fmt: skip
@pass_session
def template(session: Session, event: str, output: Path | None) -> None:
    api = session.api()
    try:
        found = api.event(event)
        params = {"lang": session.language}
        answer = api.call(
            "GET", f"/api/organizer/events/{found['id']}/programme.xlsx", params=params
        )
    finally:
        api.close()
    path = output or Path(filename(answer, f"{found['slug']}-programma.xlsx"))
    try:
        path.write_bytes(answer.content)
    except OSError as failed:
        raise Failure("cli_cannot_write", path=path, error=failed.strerror) from failed
    OUT.print(session.say("cli_template_saved", path=path))

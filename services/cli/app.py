"""The `convegni` command: who is calling (the login, or --url and --token for one command),
in which language, and the commands about the organization's events; main.py adds the
programme's and the registrations' own."""

from dataclasses import dataclass
from datetime import datetime

import click
from rich.table import Table

from services.cli import config
from services.cli.api import Api
from services.cli.say import CATALOGS, LANGUAGES, OUT, SaidCommand, SaidGroup, SaidOption
from shared.catalogs import N_


@dataclass(frozen=True)
class Session:
    """One run of the command: the language, and what the command line says of the login."""

    language: str
    url: str | None
    token: str | None

    def api(self) -> Api:
        login = config.load(self.url, self.token)
        return Api(login.url, login.token, self.language)

    def say(self, key: str, **values: object) -> str:
        return CATALOGS.text(self.language, key, **values)

    def term(self, prefix: str, value: str) -> str:
        """A status or a mode in words ('cli_reg_' + 'confirmed'); one the catalog does not
        know yet (a newer server's) as the server says it."""
        key = prefix + value
        return self.say(key) if CATALOGS.knows(key) else value


pass_session = click.make_pass_decorator(Session)


@click.group(cls=SaidGroup, help=N_("cli_help"))
@click.option("--url", envvar="CONVEGNI_URL", metavar="URL", cls=SaidOption, help=N_("cli_opt_url"))
@click.option("--token", envvar="CONVEGNI_TOKEN", cls=SaidOption, help=N_("cli_opt_token"))
@click.option(
    "--lang",
    envvar="CONVEGNI_LANG",
    type=click.Choice(LANGUAGES),
    default=LANGUAGES[0],
    cls=SaidOption,
    help=N_("cli_opt_lang"),
)
@click.pass_context
def cli(ctx: click.Context, url: str | None, token: str | None, lang: str) -> None:
    ctx.obj = Session(lang, url, token)


@cli.command(cls=SaidCommand, help=N_("cli_help_login"))
@click.option("--url", "site", metavar="URL", cls=SaidOption, help=N_("cli_opt_url"))
@click.option("--token", "secret", cls=SaidOption, help=N_("cli_opt_token"))
@pass_session
def login(session: Session, site: str | None, secret: str | None) -> None:
    site = site or session.url or click.prompt(session.say("cli_url_prompt"))
    secret = (
        secret or session.token or click.prompt(session.say("cli_token_prompt"), hide_input=True)
    )
    api = Api(site, secret, session.language)
    try:
        count = len(api.events())  # a wrong address or token is said now, not at next use
    finally:
        api.close()
    path = config.save(config.Login(api.url, secret))
    OUT.print(session.say("cli_logged_in", path=path, count=count))


@cli.group(cls=SaidGroup, help=N_("cli_help_events"), invoke_without_command=True)
@click.pass_context
def events(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    session = ctx.find_object(Session)
    assert session is not None
    api = session.api()
    try:
        found = api.events()
    finally:
        api.close()
    if not found:
        OUT.print(session.say("cli_no_events"))
        return
    headings = [session.say(f"cli_col_{name}") for name in COLUMNS]
    rows = [
        [
            event["id"],
            event["slug"],
            event["title"],
            session.term("cli_status_", event["status"]),
            f"{datetime.fromisoformat(event['starts_at']).astimezone():%Y-%m-%d %H:%M}",
        ]
        for event in found
    ]
    if not OUT.is_terminal:  # piped (to cut, grep, a script): a line per event, tab apart
        for row in [headings, *rows]:
            click.echo("\t".join(row))
        return
    table = Table(*headings)
    for row in rows:
        table.add_row(*row)
    OUT.print(table)


# The table's headings ("cli_col_" + a column), and the events' statuses ("cli_status_").
COLUMNS = ("id", "slug", "title", "status", "starts")
SAID = (
    N_("cli_col_id"),
    N_("cli_col_slug"),
    N_("cli_col_title"),
    N_("cli_col_status"),
    N_("cli_col_starts"),
    N_("cli_status_draft"),
    N_("cli_status_published"),
    N_("cli_status_cancelled"),
    N_("cli_status_completed"),
)


@events.command(cls=SaidCommand, help=N_("cli_help_publish"))
@click.argument("event")
@pass_session
def publish(session: Session, event: str) -> None:
    api = session.api()
    try:
        found = api.event(event)
        published = api.json("POST", f"/api/organizer/events/{found['id']}/publish")
    finally:
        api.close()
    OUT.print(session.say("cli_published", url=published.get("page_url", found["slug"])))

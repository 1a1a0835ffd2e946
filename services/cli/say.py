"""What the command line says, in Italian or English (`--lang`, CONVEGNI_LANG): texts from
its gettext catalog, written with rich. Help texts are keys too, said in the language the
environment asks for, so `convegni --help` speaks as the rest does."""

from pathlib import Path
from typing import Any

import click
from rich.console import Console

from shared.catalogs import Catalogs

CATALOGS = Catalogs(Path(__file__).parent / "texts")
LANGUAGES = ("it", "en")
# Plain output: what organizers wrote ("[bozza]" in a title) is never read as rich markup,
# and a long line is left to the terminal to wrap, so that it can be searched whole.
OUT = Console(markup=False, highlight=False, soft_wrap=True)
ERR = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)


class Failure(click.ClickException):
    """A refusal or a failure said in the person's words, on stderr, with exit code 1."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
        # Told now: once click shows it, the command's context is gone.
        ctx = click.get_current_context(silent=True)
        self.language = language(ctx) if ctx else LANGUAGES[0]

    def format_message(self) -> str:
        return CATALOGS.text(self.language, self.key, **self.values)

    def show(self, file: Any = None) -> None:
        ERR.print(self.format_message(), style="bold red")


def language(ctx: click.Context) -> str:
    """The language asked for: `--lang` once read, else CONVEGNI_LANG, else Italian."""
    root = ctx.find_root()
    chosen = root.params.get("lang")
    if chosen is None:
        for param in root.command.params:
            if param.name == "lang":
                chosen = param.resolve_envvar_value(root)
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


class SaidCommand(click.Command):
    """A command whose help is a catalog key."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(CATALOGS.text(language(ctx), self.help))

    def get_short_help_str(self, limit: int = 45) -> str:
        ctx = click.get_current_context(silent=True)
        said = CATALOGS.text(language(ctx), self.help) if ctx and self.help else ""
        return said.split(". ")[0]


class SaidGroup(SaidCommand, click.Group):
    """A group of commands whose help is a catalog key."""

    command_class = SaidCommand
    group_class = type


class SaidOption(click.Option):
    """An option whose help is a catalog key."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None or not self.help:
            return record
        return record[0], record[1].replace(self.help, CATALOGS.text(language(ctx), self.help))

"""The `convegni` console script ([project.scripts] in pyproject.toml): the command with all
its parts."""

from services.cli import programme, registrations
from services.cli.app import cli

cli.add_command(programme.programme)
cli.add_command(registrations.registrations)


def main() -> None:
    cli(prog_name="convegni")

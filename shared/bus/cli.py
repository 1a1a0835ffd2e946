"""What the operators' bus tools share on the command line."""

import argparse

from shared.settings import BusSettings


def operator_parser(description: str) -> argparse.ArgumentParser:
    """A parser with `--nats` (default NATS_URL, as the services use) and a required
    subcommand in `command`; returns it for the tool's subcommands to be added."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--nats", default=BusSettings().nats_url, help="server URL")
    return parser

"""What the operators' bus tools share on the command line."""

import argparse
import os


def operator_parser(description: str) -> argparse.ArgumentParser:
    """A parser with `--nats` (default NATS_URL, as the services use) and a required
    subcommand in `command`; returns it for the tool's subcommands to be added."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--nats", default=os.environ.get("NATS_URL", "nats://127.0.0.1:4222"), help="server URL"
    )
    return parser

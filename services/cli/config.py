"""The login `convegni login` keeps: the site's address and the token, in the person's
configuration folder (click's app dir: ~/.config/convegni on Linux), readable by them alone
(0600 in a 0700 folder), as ssh keeps its keys. CONVEGNI_URL and CONVEGNI_TOKEN, or --url and
--token, take their place for one command."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

import click

from services.cli.say import Failure

FILE = "login.json"


@dataclass(frozen=True)
class Login:
    url: str
    token: str


def folder() -> Path:
    return Path(click.get_app_dir("convegni"))


def save(login: Login) -> Path:
    """Write the login, readable by its owner alone (an existing file is narrowed too)."""
    home = folder()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    home.chmod(0o700)
    path = home / FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as kept:
        json.dump({"url": login.url, "token": login.token}, kept)
    return path


def load(url: str | None, token: str | None) -> Login:
    """The login to use: what the command line or the environment gives, else the saved one."""
    saved = _saved()
    url = url or (saved.url if saved else None)
    token = token or (saved.token if saved else None)
    if not url or not token:
        raise Failure("cli_not_logged_in")
    return Login(url, token)


def _saved() -> Login | None:
    path = folder() / FILE
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        return Login(str(kept["url"]), str(kept["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None

"""Settings of `./dev up` (`python -m devstack`), from the environment like the services'."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import DEVELOPMENT_SECRET


class DevstackSettings(BaseSettings):
    """What the embedded stack takes from the environment; each service reads its own too."""

    model_config = SettingsConfigDict(extra="ignore", use_attribute_docstrings=True)

    convegni_var_dir: Path | None = None
    """Where the stack keeps its databases, NATS store, caught mail and logs; none: `var/` in
    the repository."""
    nats_url: str | None = None
    """A NATS server to use instead of starting one (the services' NATS_URL)."""
    admin_token: str = DEVELOPMENT_SECRET
    """The events service's ADMIN_TOKEN, which loads the demo conferences."""
    ops_token: str = DEVELOPMENT_SECRET
    """The notifications service's OPS_TOKEN, for the delivery log's link printed at start."""
    demo_password: str = ""
    """The demo organizers' password; empty: one made up once and kept in
    `var/demo-password.txt`."""

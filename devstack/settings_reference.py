"""`python -m devstack.settings_reference > docs/settings.md`: every setting an operator may
need, from the settings classes (their fields' docstrings are the meanings), in one document;
tests/unit/test_settings_reference.py fails when docs/settings.md is not the current output."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import SecretStr
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

from devstack.mailsink.__main__ import SinkSettings
from devstack.proxy import ProxySettings
from devstack.settings import DevstackSettings
from services.events.settings import EventsSettings
from services.notifications.settings import NotificationsSettings
from services.registrations.settings import RegistrationsSettings
from shared.settings import BusSettings, ServiceSettings

COMMAND = "python -m devstack.settings_reference > docs/settings.md"
SERVICES: dict[str, type[ServiceSettings]] = {
    "events": EventsSettings,
    "registrations": RegistrationsSettings,
    "notifications": NotificationsSettings,
}


@dataclass(frozen=True)
class Section:
    title: str
    path: str
    about: str
    settings: type[BaseSettings]
    after: type[BaseSettings] | None = None  # the fields of this class are in another section


SECTIONS = (
    Section(
        "Every service",
        "shared/settings.py",
        "Read by events, registrations and notifications alike; a default that differs per "
        "service is given for each.",
        ServiceSettings,
    ),
    *(
        Section(
            f"{name} only",
            f"services/{name}/settings.py",
            f"Read by the {name} service alone (each service ignores the others' settings).",
            settings,
            after=ServiceSettings,
        )
        for name, settings in SERVICES.items()
    ),
    Section(
        "The operators' bus tools",
        "shared/settings.py",
        "`python -m shared.bus.backup`, `python -m shared.bus.deadletters`: the services' own "
        "NATS_URL and STREAM_REPLICAS are their defaults.",
        BusSettings,
    ),
    Section(
        "`./dev up`",
        "devstack/settings.py",
        "The embedded stack on a developer's machine (`python -m devstack`).",
        DevstackSettings,
    ),
    Section(
        "The development mail sink",
        "devstack/mailsink/__main__.py",
        "`python -m devstack.mailsink`; `./dev up` sets these itself.",
        SinkSettings,
    ),
    Section(
        "The development proxy",
        "devstack/proxy.py",
        "`python -m devstack.proxy`; `./dev up` sets these itself.",
        ProxySettings,
    ),
)

HEADER = f"""# Settings

Every setting of convegni, generated from the settings classes by `{COMMAND}`
(`tests/unit/test_settings_reference.py` fails when this file is not current: run that
command and commit the result; the meanings are the fields' docstrings).

Each setting is read from the environment variable named in the table (pydantic-settings; the
names are not case-sensitive). Lists are JSON (`[1, 5, 30]`); true/false are `true` and `false`.
**secret**: with `ENVIRONMENT=production` a service refuses to start while the secret is empty
or still the development placeholder (`SMTP_PASSWORD` may be left unset: no SMTP login)."""

LIBRARIES = (
    (
        "`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_*`",
        "OpenTelemetry, with `TRACING=otlp`",
        "where spans are sent",
    ),
    (
        "`PROMETHEUS_MULTIPROC_DIR`",
        "prometheus-client",
        "set by a service itself when `WORKERS` > 1, so that `/metrics` sums its workers; "
        "leave it unset",
    ),
)
FOOTER = "\n".join(
    [
        "## Read by libraries, not by convegni's settings",
        "",
        "| variable | read by | meaning |",
        "| --- | --- | --- |",
        *("| " + " | ".join(row) + " |" for row in LIBRARIES),
    ]
)


def environment_name(name: str, field: FieldInfo) -> str:
    alias = field.validation_alias
    return alias.upper() if isinstance(alias, str) else name.upper()


def shown(value: Any) -> str:
    """A default as an operator would write it."""
    if isinstance(value, SecretStr):
        return "the development placeholder"
    if value is None:
        return "none"
    if value == "":
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    if isinstance(value, tuple | list):
        return f"`{json.dumps([int(v) if float(v).is_integer() else v for v in value])}`"
    return f"`{value}`"


def choices(field: FieldInfo) -> str:
    """` (one of a, b, c)` for a Literal, else nothing."""
    if get_origin(field.annotation) is not Literal:
        return ""
    return " (one of " + ", ".join(f"`{choice}`" for choice in get_args(field.annotation)) + ")"


def meaning(settings: type[BaseSettings], name: str) -> str:
    """The field's docstring, from the class that has one (a subclass may only change a default)."""
    for cls in settings.__mro__:
        fields: dict[str, FieldInfo] = getattr(cls, "model_fields", {})
        if name in fields and fields[name].description:
            return " ".join((fields[name].description or "").split()).replace("|", "\\|")
    raise ValueError(f"{settings.__name__}.{name} has no docstring: say what it means")


def default(settings: type[BaseSettings], name: str, field: FieldInfo) -> str:
    """The default, per service when a service changes it."""
    if field.is_required():
        return "required"
    if settings is not ServiceSettings:
        return shown(field.get_default(call_default_factory=True)) + choices(field)
    per_service = {
        service: shown(cls.model_fields[name].get_default(call_default_factory=True))
        for service, cls in SERVICES.items()
    }
    if len(set(per_service.values())) == 1:
        return next(iter(per_service.values())) + choices(field)
    return ", ".join(f"{service} {value}" for service, value in per_service.items())


def rows(section: Section) -> list[str]:
    settings = section.settings
    inherited = section.after.model_fields if section.after else {}
    lines = []
    for name, field in settings.model_fields.items():
        if name in inherited:
            continue
        secret = " **secret**" if _is_secret(field) else ""
        variable = f"`{environment_name(name, field)}`{secret}"
        lines.append(
            f"| {variable} | {default(settings, name, field)} | {meaning(settings, name)} |"
        )
    return lines


def _is_secret(field: FieldInfo) -> bool:
    return SecretStr in (field.annotation, *get_args(field.annotation))


def table(section: Section) -> str:
    head = ["| variable | default | meaning |", "| --- | --- | --- |"]
    body = "\n".join([*head, *rows(section)])
    return f"## {section.title} (`{section.path}`)\n\n{section.about}\n\n{body}"


def reference(sections: Sequence[Section] = SECTIONS) -> str:
    """The whole document."""
    return "\n\n".join([HEADER, *(table(section) for section in sections), FOOTER]) + "\n"


if __name__ == "__main__":
    print(reference(), end="")

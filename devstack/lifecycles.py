"""`python -m devstack.lifecycles`: every state machine's table, as the README's "Lifecycles"
section shows them (tests/unit/test_lifecycle.py holds the README to it)."""

from typing import Any

from services.events.domain import event_life, webhook_life
from services.notifications.domain import delivery_life, scheduled_life
from services.registrations.domain import registration_life
from shared.lifecycle import Table

MACHINES: tuple[tuple[str, Table[Any, Any, Any, Any, Any, Any]], ...] = (
    ("services/events/domain/event_life.py", event_life.TABLE),
    ("services/events/domain/webhook_life.py", webhook_life.TABLE),
    ("services/notifications/domain/delivery_life.py", delivery_life.TABLE),
    ("services/notifications/domain/scheduled_life.py", scheduled_life.TABLE),
    ("services/registrations/domain/registration_life.py", registration_life.TABLE),
)


def section() -> str:
    """Every machine's table under its title, as the README's "Lifecycles" section has them."""
    return "\n\n".join(
        f"### {table.title} (`{path}`)\n\n{table.markdown()}" for path, table in MACHINES
    )


if __name__ == "__main__":
    print(section())

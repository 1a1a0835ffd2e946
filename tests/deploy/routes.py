"""The routes the three apps answer, as the proxy in front of them must send them."""

import re
from typing import Any

from services.events.main import create_app as events_app
from services.notifications.main import create_app as notifications_app
from services.registrations.main import create_app as registrations_app

# Paths every service answers for itself (probes, metrics, API docs) and the static files
# events and registrations both serve: through the proxy they are events'.
SHARED_PATHS = re.compile(r"^/(health|healthz|readyz|metrics|docs|openapi\.json|redoc|static)\b")
APPS = {
    "events": events_app,
    "registrations": registrations_app,
    "notifications": notifications_app,
}


def route_templates(routes: list[Any], prefix: str = "") -> list[str]:
    """Every path template of an app, through included routers too."""
    templates = []
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI keeps included routers
        if included is not None:
            templates += route_templates(included.routes, prefix + route.include_context.prefix)
        elif isinstance(getattr(route, "path", None), str):
            templates.append(prefix + route.path)
    return templates


def owned_examples(service: str) -> list[str]:
    """A concrete path for each route only this service answers ({slug} -> x)."""
    examples = [
        re.sub(r"\{[^}]+\}", "x", template) for template in route_templates(APPS[service]().routes)
    ]
    return [example for example in examples if not SHARED_PATHS.match(example)]

"""Schemathesis against the OpenAPI schema of each service, stateless and stateful: no answer
is a server error, and every answer (status, content type, body, headers) is one the schema
declares. Bounded and derandomized, so that CI sees the same cases every run."""

from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import Case
from schemathesis.specs.openapi.checks import positive_data_acceptance

from services.events.main import create_app as events_app
from services.registrations.main import create_app as registrations_app
from tests.hostile.conftest import TRACES, World
from tests.support.system import ADMIN_HEADERS

OPS_HEADERS = ADMIN_HEADERS  # OPS_TOKEN and ADMIN_TOKEN are the same development value here

pytestmark = pytest.mark.e2e

# The schemas the apps describe, read without running them; test_served_schema_is_the_apps
# checks that the running services serve exactly these.
EVENTS = schemathesis.openapi.from_dict(events_app().openapi())
REGISTRATIONS = schemathesis.openapi.from_dict(registrations_app().openapi())
QUIET_HYPOTHESIS = {
    "derandomize": True,  # the same cases on every run
    "deadline": None,  # a service on a busy 2-core machine is slow, not wrong
    "suppress_health_check": list(HealthCheck),
    "database": None,
}
BOUNDED = settings(max_examples=15, **QUIET_HYPOTHESIS)
SCENARIOS = settings(max_examples=10, stateful_step_count=6, **QUIET_HYPOTHESIS)


def no_stack_trace(ctx: Any, response: schemathesis.Response, case: Case) -> None:
    """A refusal explains itself; it never shows the code that refused."""
    text = response.content.decode(errors="replace")
    assert [trace for trace in TRACES if trace in text] == [], "a stack trace in the answer"


def valid_input_is_read(ctx: Any, response: schemathesis.Response, case: Case) -> None:
    """Schemathesis' positive_data_acceptance wants every request the schema allows to be
    accepted. It is left out (see CHECKS) because a JSON schema cannot say that a conference
    ends after it starts, that a venue id is one of your organization's, or that an email
    address is one: those refusals are 422s in the API's error shape, naming the rule. This
    keeps the rest of it: a request the schema allows must get past FastAPI's own reading
    (no 400, no pydantic 422), or the models ask for more than the schema tells."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    pydantic = response.status_code == 422 and isinstance(response.json().get("detail"), list)
    assert response.status_code != 400 and not pydantic, (
        f"a request the schema allows was refused before the route ran: {response.text[:500]}"
    )


CHECKS = {
    "additional_checks": [no_stack_trace, valid_input_is_read],
    "excluded_checks": [positive_data_acceptance],
}


def credentials(path: str, world: World) -> dict[str, str]:
    """The caller each part of the API expects: the operator, the organizer, or anyone."""
    if path.startswith("/api/admin"):
        return ADMIN_HEADERS
    if path.startswith("/api/organizer"):
        return world.organizer
    return {}


def aim(case: Case, world: World) -> None:
    """Point the case at the world's conference, so that its handlers run rather than 404."""
    if "slug" in (case.path_parameters or {}) and not case.path.startswith("/api/admin"):
        case.path_parameters["slug"] = world.slug


def call(case: Case, world: World, service: str) -> None:
    aim(case, world)
    case.call_and_validate(
        base_url=world.url(service), headers=credentials(case.path, world), **CHECKS
    )


@EVENTS.parametrize()
@BOUNDED
def test_events_api(case, world):
    call(case, world, "events")


@REGISTRATIONS.parametrize()
@BOUNDED
def test_registrations_api(case, world):
    call(case, world, "registrations")


def scenarios(schema: Any, world: World, service: str) -> Any:
    """The schema's state machine (links inferred from ids in answers and paths), calling the
    running service as `call` does."""

    class Scenarios(schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Case) -> None:
            aim(case, world)

        def get_call_kwargs(self, case: Case) -> dict[str, Any]:
            return {"base_url": world.url(service), "headers": credentials(case.path, world)}

        def validate_response(self, response, case, additional_checks=None, **kwargs):  # type: ignore[no-untyped-def]
            case.validate_response(response, transport_kwargs=kwargs, **CHECKS)

    return Scenarios


@pytest.mark.parametrize(
    ("service", "schema"), [("events", EVENTS), ("registrations", REGISTRATIONS)]
)
def test_stateful(world, service, schema):
    scenarios(schema, world, service).run(settings=SCENARIOS)


@pytest.mark.parametrize(
    ("service", "app"), [("events", events_app), ("registrations", registrations_app)]
)
def test_served_schema_is_the_apps(world, service, app):
    served = httpx.get(f"{world.url(service)}/openapi.json")

    assert served.json() == app().openapi()


def test_notifications_health_and_deliveries(world):
    """Only /health and /api/deliveries of notifications: the rest of it changes often. The
    delivery log is for operators, who send OPS_TOKEN (the development one on this stack)."""
    schema = schemathesis.openapi.from_url(f"{world.url('notifications')}/openapi.json")
    operations = list(schema.include(path=["/health", "/api/deliveries"]).get_all_operations())

    for operation in (result.ok() for result in operations):

        @given(case=operation.as_strategy())
        @BOUNDED
        def answers_as_declared(case: Case) -> None:
            case.call_and_validate(
                base_url=world.url("notifications"), headers=OPS_HEADERS, **CHECKS
            )

        answers_as_declared()
    assert len(operations) == 2

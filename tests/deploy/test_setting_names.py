"""Every variable the deploy files give a service is a setting it reads: a misspelt name
would be ignored without a word (the settings ignore what they do not know), and the
service would run on its default."""

from typing import Any

import pytest

from devstack.settings_reference import SERVICES, environment_name
from tests.deploy.files import REPO, yaml_documents, yaml_file

pytestmark = pytest.mark.unit

K8S = REPO / "deploy" / "k8s"


def read_by(service: str) -> set[str]:
    settings = SERVICES[service]
    return {environment_name(name, field) for name, field in settings.model_fields.items()}


def deployment_env(service: str) -> list[dict[str, Any]]:
    (deployment,) = [
        document
        for document in yaml_documents(K8S / f"{service}.yaml")
        if document["kind"] == "Deployment"
    ]
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return list(only.get("env", []))


@pytest.mark.parametrize("service", SERVICES)
def test_compose_gives_a_service_only_settings_it_reads(service):
    environment = yaml_file(REPO / "docker-compose.yml")["services"][service]["environment"]

    assert sorted(set(environment) - read_by(service)) == []


@pytest.mark.parametrize("service", SERVICES)
def test_kubernetes_gives_a_service_only_settings_it_reads(service):
    named = {variable["name"] for variable in deployment_env(service)}

    assert sorted(named - read_by(service)) == []


def test_the_configmap_holds_only_settings_some_service_reads():
    data = yaml_file(K8S / "configmap.yaml")["data"]
    read = set().union(*(read_by(service) for service in SERVICES))

    assert sorted(set(data) - read) == []

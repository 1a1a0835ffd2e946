"""deploy/k8s as an operator checks it before `kubectl apply`: every core manifest valid for
the API server (kubernetes-validate, strict), the CloudNativePG kinds valid for the vendored
parts of their CRDs, probes, security, secrets, scaling and the Ingress's routing."""

import ipaddress
import re
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
from kubernetes_validate.utils import latest_version

from tests.deploy.files import REPO, SERVICES, yaml_documents, yaml_file
from tests.deploy.routes import owned_examples

pytestmark = pytest.mark.unit

K8S = REPO / "deploy/k8s"
# The oldest Kubernetes release the manifests target, and the newest the package knows.
VERSIONS = ("1.33", latest_version())
IMAGE_UID = 10001
SECRET_SETTINGS = {"DATABASE_URL", "SECRET_KEY", "ADMIN_TOKEN", "OPS_TOKEN", "SMTP_PASSWORD"}


def core_manifests() -> list[tuple[Path, dict[str, Any]]]:
    """Every document `kubectl apply -k deploy/k8s` applies."""
    return [
        (path, document)
        for path in sorted(K8S.glob("*.yaml"))
        if path.name != "kustomization.yaml"
        for document in yaml_documents(path)
    ]


def of_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for _, doc in core_manifests() if doc["kind"] == kind}


def container(service: str) -> dict[str, Any]:
    (only,) = of_kind("Deployment")[service]["spec"]["template"]["spec"]["containers"]
    return only


# --- the API server's view ---------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_core_manifests_validate_in_strict_mode(version: str) -> None:
    errors = []
    for path, document in core_manifests():
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            where = ".".join(str(part) for part in error.path)
            errors.append(f"{path.name} {document['kind']}: {where}: {error.message}")

    assert errors == []


def test_kustomization_applies_every_manifest_in_the_folder() -> None:
    kustomization = yaml_file(K8S / "kustomization.yaml")
    manifests = sorted(
        path.name for path in K8S.glob("*.yaml") if path.name != "kustomization.yaml"
    )

    assert sorted(kustomization["resources"]) == manifests
    assert kustomization["resources"][0] == "namespace.yaml"


def test_kustomization_sets_a_pinned_image_for_every_container() -> None:
    (image,) = yaml_file(K8S / "kustomization.yaml")["images"]
    images = {service: container(service)["image"] for service in SERVICES}

    assert images == {service: image["name"] for service in SERVICES}
    assert image["newTag"] not in ("", "latest")


def test_every_namespaced_manifest_is_in_the_convegni_namespace() -> None:
    namespaces = {
        doc["metadata"].get("namespace")
        for _, doc in core_manifests()
        if doc["kind"] != "Namespace"
    }

    assert namespaces == {"convegni"}


# --- the services' pods ----------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_runs_its_service_on_port_8000(service: str) -> None:
    runs = container(service)

    assert runs["command"] == ["python", "-m", f"services.{service}"]
    assert runs["ports"] == [{"name": "http", "containerPort": 8000}]


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_probes_ask_healthz_and_readyz(service: str) -> None:
    runs = container(service)
    probes = {
        kind: (runs[kind]["httpGet"]["path"], runs[kind]["httpGet"]["port"])
        for kind in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    startup = runs["startupProbe"]

    assert probes == {
        "startupProbe": ("/healthz", "http"),
        "livenessProbe": ("/healthz", "http"),
        "readinessProbe": ("/readyz", "http"),
    }
    # Migrations run before the port opens: minutes, not the seconds liveness allows.
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 300


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_runs_as_the_image_user_on_a_read_only_root(service: str) -> None:
    pod = of_kind("Deployment")[service]["spec"]["template"]["spec"]
    runs = container(service)
    mounts = {mount["mountPath"]: mount["name"] for mount in runs["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in pod["volumes"]}

    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == IMAGE_UID
    assert pod["automountServiceAccountToken"] is False
    assert runs["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": True,
        "capabilities": {"drop": ["ALL"]},
    }
    assert "emptyDir" in volumes[mounts["/tmp"]]


def test_image_user_is_the_uid_the_pods_run_as() -> None:
    dockerfile = (REPO / "deploy/Dockerfile").read_text()

    assert f"USER {IMAGE_UID}:{IMAGE_UID}" in dockerfile.splitlines()


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_requests_and_limits_cpu_and_memory(service: str) -> None:
    resources = container(service)["resources"]

    assert set(resources["requests"]) == {"cpu", "memory"}
    assert set(resources["limits"]) == {"cpu", "memory"}


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_pods_are_scraped_by_prometheus(service: str) -> None:
    annotations = of_kind("Deployment")[service]["spec"]["template"]["metadata"]["annotations"]

    assert annotations == {
        "prometheus.io/scrape": "true",
        "prometheus.io/port": "8000",
        "prometheus.io/path": "/metrics",
    }


# --- settings and secrets --------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_reads_secrets_from_convegni_secrets_only(service: str) -> None:
    env = container(service)["env"]
    literal = [variable["name"] for variable in env if "value" in variable]
    secrets = {
        variable["name"]: variable["valueFrom"]["secretKeyRef"]["name"]
        for variable in env
        if "valueFrom" in variable
    }

    assert literal == []
    assert set(secrets) <= SECRET_SETTINGS
    assert set(secrets.values()) == {"convegni-secrets"}
    assert {"DATABASE_URL", "SECRET_KEY"} <= set(secrets)


def test_configmap_holds_no_secret() -> None:
    settings = of_kind("ConfigMap")["convegni-config"]["data"]

    leaks = [name for name in settings if re.search(r"PASSWORD|TOKEN|SECRET|DATABASE_URL", name)]

    assert leaks == []


def test_every_service_replicates_streams_on_three_nats_nodes() -> None:
    settings = of_kind("ConfigMap")["convegni-config"]["data"]
    sources = {service: container(service)["envFrom"] for service in SERVICES}
    overrides = [
        (service, variable["name"])
        for service in SERVICES
        for variable in container(service)["env"]
        if variable["name"] in settings
    ]

    assert settings["STREAM_REPLICAS"] == "3"
    assert settings["ENVIRONMENT"] == "production"
    assert sources == {
        service: [{"configMapRef": {"name": "convegni-config"}}] for service in SERVICES
    }
    assert overrides == []


def test_no_secret_with_values_anywhere_under_deploy() -> None:
    committed = [
        f"{path.relative_to(REPO)}: {document['metadata']['name']}"
        for path in sorted((REPO / "deploy").rglob("*.y*ml"))
        for document in yaml_documents(path)
        if document.get("kind") == "Secret" and (document.get("data") or document.get("stringData"))
    ]

    assert committed == []


def test_secret_command_in_readme_creates_every_key_the_pods_read() -> None:
    readme = (REPO / "deploy/README.md").read_text()
    created = set(re.findall(r"--from-literal=([A-Z_]+)=", readme))
    read = {
        variable["valueFrom"]["secretKeyRef"]["key"]
        for service in SERVICES
        for variable in container(service)["env"]
    }

    assert read <= created


# --- scaling -----------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_service_selects_its_pods_on_the_http_port(service: str) -> None:
    spec = of_kind("Service")[service]["spec"]
    labels = of_kind("Deployment")[service]["spec"]["template"]["metadata"]["labels"]

    assert spec["selector"].items() <= labels.items()
    assert spec["ports"] == [{"name": "http", "port": 8000, "targetPort": "http"}]


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_scales_on_cpu_between_two_and_more_replicas(service: str) -> None:
    autoscaler = of_kind("HorizontalPodAutoscaler")[service]

    assert autoscaler["apiVersion"] == "autoscaling/v2"
    assert autoscaler["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": service,
    }
    assert 2 <= autoscaler["spec"]["minReplicas"] < autoscaler["spec"]["maxReplicas"]
    assert autoscaler["spec"]["metrics"][0]["resource"]["name"] == "cpu"


@pytest.mark.parametrize("service", SERVICES)
def test_disruption_budget_keeps_one_replica_of_each_service(service: str) -> None:
    budget = of_kind("PodDisruptionBudget")[service]["spec"]
    labels = of_kind("Deployment")[service]["spec"]["template"]["metadata"]["labels"]

    assert budget["maxUnavailable"] == 1
    assert budget["selector"]["matchLabels"].items() <= labels.items()


def test_database_connections_fit_postgres_max_connections() -> None:
    most_replicas = sum(
        autoscaler["spec"]["maxReplicas"]
        for autoscaler in of_kind("HorizontalPodAutoscaler").values()
    )
    (cluster,) = [doc for doc in postgres_manifests() if doc["kind"] == "Cluster"]
    max_connections = int(cluster["spec"]["postgresql"]["parameters"]["max_connections"])

    # SQLAlchemy's default pool: 5 connections, plus 10 overflow, per replica.
    assert most_replicas * 15 <= max_connections - 10


# --- the Ingress ---------------------------------------------------------------------------


def ingress_backend(path: str) -> str:
    """The Service ingress-nginx sends `path` to: with use-regex, every path is a regular
    expression anchored at its start (case-insensitive), and the longest is tried first."""
    ingress = of_kind("Ingress")["convegni"]
    paths = [
        (entry["path"], entry["backend"]["service"]["name"])
        for rule in ingress["spec"]["rules"]
        for entry in rule["http"]["paths"]
    ]
    for pattern, service in sorted(paths, key=lambda entry: len(entry[0]), reverse=True):
        if re.match(pattern, path, re.IGNORECASE):
            return service
    return "no backend"


@pytest.mark.parametrize("service", SERVICES)
def test_ingress_routes_every_path_of_a_service_to_it(service: str) -> None:
    owned = owned_examples(service)

    routed = {example: ingress_backend(example) for example in owned}

    assert len(owned) > 3
    assert routed == dict.fromkeys(owned, service)


def test_ingress_routes_the_registration_form_and_api_to_registrations() -> None:
    routed = {
        path: ingress_backend(path)
        for path in (
            "/events/convegno-welfare-2026/register",
            "/api/events/convegno-welfare-2026/registrations",
            "/events/convegno-welfare-2026",
            "/events/convegno-welfare-2026.ics",
            "/api/events/convegno-welfare-2026",
            "/r/signed-token",
            "/deliveries",
            "/static/bi/css/bootstrap-italia.min.css",
            "/",
        )
    }

    assert routed == {
        "/events/convegno-welfare-2026/register": "registrations",
        "/api/events/convegno-welfare-2026/registrations": "registrations",
        "/events/convegno-welfare-2026": "events",
        "/events/convegno-welfare-2026.ics": "events",
        "/api/events/convegno-welfare-2026": "events",
        "/r/signed-token": "registrations",
        "/deliveries": "notifications",
        "/static/bi/css/bootstrap-italia.min.css": "events",
        "/": "events",
    }


def test_ingress_refuses_metrics_to_every_address() -> None:
    internal = of_kind("Ingress")["convegni-internal"]
    [rule] = internal["spec"]["rules"]
    public = of_kind("Ingress")["convegni"]["spec"]["rules"]

    denied = internal["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/denylist-source-range"
    ]
    assert sorted(denied.split(",")) == ["0.0.0.0/0", "::/0"]
    assert [(p["path"], p["pathType"]) for p in rule["http"]["paths"]] == [("/metrics", "Exact")]
    assert {rule["host"]} == {r["host"] for r in public}


def test_ingress_serves_the_public_urls_over_tls() -> None:
    spec = of_kind("Ingress")["convegni"]["spec"]
    settings = of_kind("ConfigMap")["convegni-config"]["data"]
    (rule,) = spec["rules"]
    (tls,) = spec["tls"]
    backends = {entry["backend"]["service"]["port"]["name"] for entry in rule["http"]["paths"]}

    assert tls["hosts"] == [rule["host"]]
    assert tls["secretName"]
    assert settings["EVENTS_PUBLIC_URL"] == f"https://{rule['host']}"
    assert settings["REGISTRATIONS_PUBLIC_URL"] == f"https://{rule['host']}"
    assert backends == {"http"}


# --- who reaches the services ------------------------------------------------------------


def test_forwarded_addresses_are_trusted_from_the_pod_network_only() -> None:
    trusted = of_kind("ConfigMap")["convegni-config"]["data"]["FORWARDED_ALLOW_IPS"]

    networks = [ipaddress.ip_network(part.strip()) for part in trusted.split(",")]

    assert networks
    assert all(network.is_private and network.prefixlen >= 8 for network in networks)


@pytest.mark.parametrize("service", SERVICES)
def test_service_is_reachable_inside_the_cluster_only(service: str) -> None:
    spec = of_kind("Service")[service]["spec"]

    assert spec.get("type", "ClusterIP") == "ClusterIP"
    assert "externalIPs" not in spec


def network_policy_of(service: str) -> dict[str, Any]:
    """The one NetworkPolicy whose podSelector takes the service's pods."""
    labels = of_kind("Deployment")[service]["spec"]["template"]["metadata"]["labels"]
    selecting = [
        policy["spec"]
        for policy in of_kind("NetworkPolicy").values()
        if selects(policy["spec"]["podSelector"], labels)
    ]
    assert len(selecting) == 1, f"{len(selecting)} NetworkPolicies select {service}"
    return selecting[0]


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """A label selector (matchLabels and In expressions) against a pod's labels."""
    matched = selector.get("matchLabels", {}).items() <= labels.items()
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In", "only In is read here"
        matched = matched and labels.get(expression["key"]) in expression["values"]
    return matched


def peers(rule: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """(namespace, pod labels) of each peer a rule lets in; both must be named."""
    return [
        (
            peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"],
            peer["podSelector"]["matchLabels"],
        )
        for peer in rule["from"]
    ]


@pytest.mark.parametrize("service", SERVICES)
def test_only_the_ingress_controller_and_prometheus_reach_a_service(service: str) -> None:
    policy = network_policy_of(service)

    allowed = [peer for rule in policy["ingress"] for peer in peers(rule)]

    assert policy["policyTypes"] == ["Ingress"]
    assert [namespace for namespace, _ in allowed] == ["ingress-nginx", "monitoring"]
    assert allowed[0][1]["app.kubernetes.io/name"] == "ingress-nginx"
    assert allowed[1][1]["app.kubernetes.io/name"] == "prometheus"
    assert [rule["ports"] for rule in policy["ingress"]] == [
        [{"port": "http", "protocol": "TCP"}]
    ] * 2


def test_network_policy_takes_no_other_pod_than_the_services() -> None:
    others = {"nats": {"app.kubernetes.io/name": "nats"}, "postgres": {"cnpg.io/cluster": "x"}}

    taken = [
        name
        for name, labels in others.items()
        for policy in of_kind("NetworkPolicy").values()
        if selects(policy["spec"]["podSelector"], labels)
    ]

    assert taken == []


# --- NATS (Helm values) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def nats_values() -> dict[str, Any]:
    return yaml_file(K8S / "nats/values.yaml")


def test_nats_values_make_a_three_node_jetstream_cluster_on_volumes(nats_values: dict) -> None:
    config = nats_values["config"]
    file_store = config["jetstream"]["fileStore"]

    assert config["cluster"] == {"enabled": True, "replicas": 3}
    assert config["jetstream"]["enabled"] is True
    assert (file_store["enabled"], file_store["pvc"]["enabled"]) == (True, True)
    assert config["jetstream"]["memoryStore"]["enabled"] is False


def test_nats_values_fsync_every_write_like_compose(nats_values: dict) -> None:
    compose_config = (REPO / "deploy/nats/nats-server.conf").read_text()

    assert nats_values["config"]["jetstream"]["merge"] == {"sync_interval": "always"}
    assert re.search(r"^\s*sync_interval: always$", compose_config, re.MULTILINE)


def test_nats_values_name_the_service_nats_url_points_at(nats_values: dict) -> None:
    settings = of_kind("ConfigMap")["convegni-config"]["data"]

    assert settings["NATS_URL"] == f"nats://{nats_values['fullnameOverride']}:4222"


def test_nats_values_request_and_limit_resources(nats_values: dict) -> None:
    resources = nats_values["container"]["merge"]["resources"]

    assert set(resources["requests"]) == {"cpu", "memory"}
    assert set(resources["limits"]) == {"cpu", "memory"}


# --- PostgreSQL (CloudNativePG) ----------------------------------------------------------


def postgres_manifests() -> list[dict[str, Any]]:
    return yaml_documents(K8S / "postgres/cluster.yaml")


def crd_schema(kind: str) -> dict[str, Any]:
    """The vendored part of a CloudNativePG CRD, with unknown fields refused as
    `kubectl apply` (strict field validation) refuses them."""
    crd = yaml_file(REPO / f"tests/fixtures/cnpg/{kind.lower()}s.postgresql.cnpg.io.subset.yaml")
    assert crd["kind"] == kind
    return {
        "api_version": f"{crd['group']}/{crd['version']}",
        "schema": strict(crd["openAPIV3Schema"]),
    }


def strict(schema: Any) -> Any:
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {key: strict(value) for key, value in schema.items()}
    if "properties" in closed and "additionalProperties" not in closed:
        closed["additionalProperties"] = False
    return closed


def crd_errors(document: dict[str, Any]) -> list[str]:
    crd = crd_schema(document["kind"])
    validator = jsonschema.Draft202012Validator(crd["schema"])
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(document)]
    if document["apiVersion"] != crd["api_version"]:
        errors.append(f"apiVersion {document['apiVersion']} is not {crd['api_version']}")
    return errors


def test_postgres_manifests_validate_against_the_cloudnativepg_crds() -> None:
    errors = {
        f"{doc['kind']}/{doc['metadata']['name']}": crd_errors(doc) for doc in postgres_manifests()
    }

    failing = {name: found for name, found in errors.items() if found}

    assert failing == {}
    assert sorted(doc["kind"] for doc in postgres_manifests()) == ["Cluster", *["Database"] * 3]


def test_crd_check_refuses_a_misspelled_field() -> None:
    (cluster,) = [doc for doc in postgres_manifests() if doc["kind"] == "Cluster"]
    cluster["spec"]["instance"] = cluster["spec"].pop("instances")

    errors = crd_errors(cluster)

    assert errors == ["spec: Additional properties are not allowed ('instance' was unexpected)"]


def test_postgres_cluster_has_three_instances_and_a_synchronous_replica() -> None:
    (cluster,) = [doc for doc in postgres_manifests() if doc["kind"] == "Cluster"]

    assert cluster["spec"]["instances"] == 3
    assert cluster["spec"]["postgresql"]["synchronous"] == {"method": "any", "number": 1}


def test_postgres_has_a_role_and_a_database_per_service() -> None:
    (cluster,) = [doc for doc in postgres_manifests() if doc["kind"] == "Cluster"]
    roles = {
        role["name"]: (role["login"], role["passwordSecret"]["name"])
        for role in cluster["spec"]["managed"]["roles"]
    }
    databases = {
        doc["spec"]["name"]: (doc["spec"]["owner"], doc["spec"]["cluster"]["name"])
        for doc in postgres_manifests()
        if doc["kind"] == "Database"
    }

    assert roles == {service: (True, f"convegni-pg-{service}") for service in SERVICES}
    assert databases == {service: (service, cluster["metadata"]["name"]) for service in SERVICES}

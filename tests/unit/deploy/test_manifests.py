"""The Kubernetes manifests' security contract, read from deploy/k8s without a cluster.

* Every Deployment serves /metrics on a port of its own, named ``metrics``, which only the
  monitoring namespace may reach; its API port (``http``) admits only the ingress controller
  (gateway) or the gateway (services), and nobody for relays, consumers and workers.
* The Ingress routes only the public paths, whatever the overlay.
* No overlay carries a fixed secret; the services' pods never see the gateway's private key.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

K8S = Path(__file__).resolve().parents[3] / "deploy" / "k8s"
OVERLAYS = sorted(path.parent for path in (K8S / "overlays").glob("*/kustomization.yaml"))
PUBLIC_PATHS = {"/v1", "/docs", "/redoc", "/openapi.json"}
MONITORING = "namespace:monitoring"


def documents(path: Path) -> list[dict[str, Any]]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def base() -> list[dict[str, Any]]:
    kustomization = documents(K8S / "base" / "kustomization.yaml")[0]
    return [
        document
        for resource in kustomization["resources"]
        for document in documents(K8S / "base" / resource)
    ]


BASE = base()
DEPLOYMENTS = [doc for doc in BASE if doc["kind"] == "Deployment"]
POLICIES = [doc for doc in BASE if doc["kind"] == "NetworkPolicy"]


def app_container(deployment: dict[str, Any]) -> dict[str, Any]:
    containers: list[dict[str, Any]] = deployment["spec"]["template"]["spec"]["containers"]
    [app] = [c for c in containers if c["name"] == "app"]
    return app


def pod_labels(deployment: dict[str, Any]) -> dict[str, str]:
    labels: dict[str, str] = deployment["spec"]["template"]["metadata"]["labels"]
    return labels


def container_ports(deployment: dict[str, Any]) -> dict[str, int]:
    return {port["name"]: port["containerPort"] for port in app_container(deployment)["ports"]}


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """A label selector (matchLabels, matchExpressions with In) against a pod's labels."""
    if any(labels.get(key) != value for key, value in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In", expression  # the only one the manifests use
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def peer_name(peer: dict[str, Any]) -> str:
    if "namespaceSelector" in peer:
        namespace = peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
        return f"namespace:{namespace}"
    labels = peer["podSelector"]["matchLabels"]
    return f"pods:{labels['app.kubernetes.io/name']}/{labels['app.kubernetes.io/component']}"


def admitted(deployment: dict[str, Any]) -> dict[str, set[str]]:
    """Who may connect to each named port of the deployment's pods ("*": a rule for any port)."""
    labels, ports = pod_labels(deployment), container_ports(deployment)
    names = {number: name for name, number in ports.items()}
    peers: dict[str, set[str]] = {name: set() for name in [*ports, "*"]}
    for policy in POLICIES:
        if not selects(policy["spec"]["podSelector"], labels):
            continue
        for rule in policy["spec"].get("ingress", []):
            sources = {peer_name(peer) for peer in rule.get("from", [{"podSelector": {}}])}
            for port in rule.get("ports") or [{"port": "*"}]:
                peers[names.get(port["port"], port["port"])] |= sources
    return peers


def env(container: dict[str, Any]) -> dict[str, Any]:
    return {item["name"]: item.get("value", item.get("valueFrom")) for item in container["env"]}


def ids(deployments: list[dict[str, Any]]) -> list[str]:
    return [deployment["metadata"]["name"] for deployment in deployments]


def test_every_role_of_every_service_is_a_deployment() -> None:
    components = {pod_labels(d)["app.kubernetes.io/component"] for d in DEPLOYMENTS}
    # and the gateway's consumer (statistics and feed) and webhook deliveries (ADR 0020, 0032)
    assert components == {"api", "relay", "consumer", "worker", "statistics", "webhooks"}


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=ids(DEPLOYMENTS))
def test_metrics_are_on_a_port_of_their_own(deployment: dict[str, Any]) -> None:
    ports = container_ports(deployment)
    assert {"http", "metrics"} <= set(ports)
    assert ports["metrics"] != ports["http"]
    service = pod_labels(deployment)["app.kubernetes.io/name"].upper()
    container = app_container(deployment)
    assert env(container)[f"{service}_METRICS_PORT"] == str(ports["metrics"])
    assert env(container)[f"{service}_PORT"] == str(ports["http"])
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/port"] == str(ports["metrics"])


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=ids(DEPLOYMENTS))
def test_only_monitoring_reaches_the_metrics_port(deployment: dict[str, Any]) -> None:
    peers = admitted(deployment)
    assert peers["metrics"] == {MONITORING}
    assert peers["*"] == set(), "a rule admits every port"
    assert MONITORING not in peers["http"]


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=ids(DEPLOYMENTS))
def test_the_api_port_admits_only_who_calls_it(deployment: dict[str, Any]) -> None:
    labels = pod_labels(deployment)
    name, component = labels["app.kubernetes.io/name"], labels["app.kubernetes.io/component"]
    if component != "api":
        expected = set()  # relays, consumers and workers only call out
    elif name == "gateway":
        expected = {"namespace:ingress-nginx"}
    else:
        expected = {"pods:gateway/api"}
    assert admitted(deployment)["http"] == expected


def test_no_service_exposes_the_metrics_port() -> None:
    for service in (doc for doc in BASE if doc["kind"] == "Service"):
        assert all(port["targetPort"] == "http" for port in service["spec"]["ports"]), service


def ingresses() -> Iterator[tuple[str, dict[str, Any]]]:
    for document in BASE:
        if document["kind"] == "Ingress":
            yield "base", document
    for overlay in OVERLAYS:
        for path in overlay.glob("*.yaml"):
            for document in documents(path):
                if isinstance(document, dict) and document.get("kind") == "Ingress":
                    yield overlay.name, document


def test_the_ingress_routes_only_the_public_api() -> None:
    found = list(ingresses())
    assert found
    for where, ingress in found:
        for rule in ingress["spec"].get("rules", []):
            paths = {path["path"] for path in rule.get("http", {}).get("paths", [])}
            assert paths <= PUBLIC_PATHS, (where, paths - PUBLIC_PATHS)


@pytest.mark.parametrize("overlay", OVERLAYS, ids=[overlay.name for overlay in OVERLAYS])
def test_no_overlay_changes_the_ingress_routes(overlay: Path) -> None:
    kustomization = documents(overlay / "kustomization.yaml")[0]
    for patch in kustomization.get("patches", []):
        patched = documents(overlay / patch["path"]) if "path" in patch else []
        operations: list[Any] = patched[0] if patched and isinstance(patched[0], list) else []
        for operation in operations:
            assert "/http" not in operation["path"], (overlay.name, operation)


@pytest.mark.parametrize("overlay", OVERLAYS, ids=[overlay.name for overlay in OVERLAYS])
def test_no_overlay_carries_a_fixed_secret(overlay: Path) -> None:
    kustomization = documents(overlay / "kustomization.yaml")[0]
    for generator in kustomization.get("secretGenerator", []):
        literals = [literal.split("=", 1)[0] for literal in generator.get("literals", [])]
        assert set(literals) <= {"username"}, (overlay.name, generator["name"])
        assert not generator.get("envs"), (overlay.name, generator["name"])
        for source in generator.get("files", []):
            assert source.split("=", 1)[-1].startswith("secrets/"), (overlay.name, source)
    ignored = (K8S.parents[1] / ".gitignore").read_text().splitlines()
    assert "deploy/k8s/overlays/*/secrets/" in ignored


def test_the_services_never_see_the_gateways_private_key() -> None:
    for deployment in DEPLOYMENTS:
        name = pod_labels(deployment)["app.kubernetes.io/name"]
        text = yaml.safe_dump(deployment)
        if name != "gateway":
            assert "gateway-auth" not in text, deployment["metadata"]["name"]
            assert "INTERNAL_SIGNING_KEY" not in text, deployment["metadata"]["name"]


@pytest.mark.parametrize(
    "deployment",
    [d for d in DEPLOYMENTS if pod_labels(d)["app.kubernetes.io/component"] == "api"],
    ids=lambda d: d["metadata"]["name"],
)
def test_every_api_knows_how_to_verify_or_sign_identities(deployment: dict[str, Any]) -> None:
    container = app_container(deployment)
    service = pod_labels(deployment)["app.kubernetes.io/name"]
    if service == "gateway":
        sources = container["envFrom"]
        secrets = {item["secretRef"]["name"] for item in sources if "secretRef" in item}
        assert "gateway-auth" in secrets
    else:
        keys = env(container)[f"{service.upper()}_GATEWAY_PUBLIC_KEYS"]
        assert keys["configMapKeyRef"]["name"] == "gateway-public-keys"

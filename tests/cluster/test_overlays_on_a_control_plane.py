"""Each overlay of deploy/k8s, applied (server-side, strict field validation) to a real
Kubernetes control plane with the operators' CRDs installed and kwok's fake nodes: every object
is accepted, every Deployment becomes Available and every migration Job Complete, and the
objects that point at others (Services, budgets, autoscalers, scrape targets, network
policies) point at pods that exist.

What this cannot show: kwok runs no container, so probes, commands and the image itself are
the container tests' and the manifest contract tests' (tests/unit/deploy) business; and no
operator runs, so the Kafka, KafkaUser and PostgreSQL Cluster objects are only validated and
stored, not reconciled.
"""

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from tests.support.control_plane import ControlPlane, running_control_plane
from tests.support.manifests import CRDS, Manifest, of_kind, render

NAMESPACE = "clearway"
TAG = "1.0.0"
# Pods the operators would create, by the label naming their owner (no operator runs here).
OPERATOR_POD_LABELS = {"strimzi.io/cluster": "Kafka", "cnpg.io/cluster": "Cluster"}
# kwok reports pods Ready within seconds; the controllers act on the next resync.
SETTLE_SECONDS = 180


@dataclass
class Deployed:
    plane: ControlPlane
    overlay: str
    objects: list[Manifest]
    text: str

    def pods(self, selector: dict[str, Any]) -> list[Manifest]:
        found = self.plane.get("pods", "-n", NAMESPACE, "-l", label_selector(selector))
        pods: list[Manifest] = found["items"]
        return pods

    def assert_selects_something(self, selector: dict[str, Any], *, by: str) -> None:
        """Our pods, or (no operator runs here) the operator's object whose pods it selects."""
        labels = selector.get("matchLabels", {})
        for label, kind in OPERATOR_POD_LABELS.items():
            if label in labels:
                owners = {o["metadata"]["name"] for o in of_kind(self.objects, kind)}
                assert labels[label] in owners, f"{by} selects pods of a {kind} that is not there"
                return
        assert self.pods(selector), f"{by} selects no pod"


@pytest.fixture(scope="module", params=["dev", "production"])
def deployed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployed]:
    overlay: str = request.param
    with running_control_plane(tmp_path_factory.mktemp(f"k8s-{overlay}")) as plane:
        for crd in sorted(CRDS.rglob("*.yaml")):
            plane.apply(crd.read_text())
        plane.kubectl("wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")
        objects = render(overlay, tag=TAG)
        text = yaml.safe_dump_all(objects)
        # The namespace first: server-side apply does not order a file's objects for us.
        plane.apply(yaml.safe_dump_all(of_kind(objects, "Namespace")))
        plane.apply(text)
        yield Deployed(plane=plane, overlay=overlay, objects=objects, text=text)


def label_selector(selector: dict[str, Any]) -> str:
    terms = [f"{key}={value}" for key, value in selector.get("matchLabels", {}).items()]
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] in ("In", "NotIn"), expression
        operator = expression["operator"].lower()  # kubectl's words: in, notin
        terms.append(f"{expression['key']} {operator} ({','.join(expression['values'])})")
    return ",".join(terms)


def eventually(check: Any, *, what: str) -> None:
    """Poll ``check`` (which raises AssertionError until it holds) for SETTLE_SECONDS."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise AssertionError(f"not within {SETTLE_SECONDS} s: {what}") from None
            time.sleep(2)


# --------------------------------------------------------------------------- accepted


def test_the_api_server_stores_every_object_of_the_overlay(deployed: Deployed) -> None:
    stored = set(
        deployed.plane.kubectl("get", "-f", "-", "-o", "name", stdin=deployed.text).split()
    )
    assert len(stored) == len(deployed.objects)


def test_strimzi_objects_are_on_the_api_the_operator_serves(deployed: Deployed) -> None:
    for kind in ("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"):
        for obj in of_kind(deployed.objects, kind):
            assert obj["apiVersion"] == "kafka.strimzi.io/v1", obj["metadata"]["name"]


# --------------------------------------------------------------------------- rolled out


def test_every_deployment_becomes_available(deployed: Deployed) -> None:
    deployments = of_kind(deployed.objects, "Deployment")
    assert deployments
    deployed.plane.kubectl(
        "wait", "-n", NAMESPACE, "--for=condition=Available", "deployment", "--all",
        f"--timeout={SETTLE_SECONDS}s",
    )  # fmt: skip
    for deployment in deployments:
        live = deployed.plane.get("deployment", "-n", NAMESPACE, deployment["metadata"]["name"])
        assert live["status"].get("availableReplicas", 0) == live["spec"]["replicas"]


def test_every_migration_job_completes(deployed: Deployed) -> None:
    jobs = {job["metadata"]["name"] for job in of_kind(deployed.objects, "Job")}
    assert jobs == {
        f"{s}-migrate-{TAG}" for s in ("gateway", "declaration", "inspection", "release")
    }
    deployed.plane.kubectl(
        "wait", "-n", NAMESPACE, "--for=condition=Complete", "job", "--all",
        f"--timeout={SETTLE_SECONDS}s",
    )  # fmt: skip


# ------------------------------------------------------------------- pointing at what exists


def test_every_service_routes_to_ready_pods(deployed: Deployed) -> None:
    services = of_kind(deployed.objects, "Service")
    assert services

    def each_has_a_ready_endpoint() -> None:
        for service in services:
            name = service["metadata"]["name"]
            slices = deployed.plane.get(
                "endpointslices", "-n", NAMESPACE, "-l", f"kubernetes.io/service-name={name}"
            )["items"]
            ready = [
                e
                for s in slices
                for e in s.get("endpoints") or []
                if e.get("conditions", {}).get("ready")
            ]
            assert ready, f"Service {name} has no ready endpoint"

    eventually(each_has_a_ready_endpoint, what="every Service has a ready endpoint")


def test_every_disruption_budget_covers_running_pods(deployed: Deployed) -> None:
    budgets = of_kind(deployed.objects, "PodDisruptionBudget")
    assert budgets

    def each_expects_pods() -> None:
        for budget in budgets:
            name = budget["metadata"]["name"]
            live = deployed.plane.get("pdb", "-n", NAMESPACE, name)
            assert live.get("status", {}).get("expectedPods", 0) >= 1, (
                f"budget {name} covers no pod"
            )

    eventually(each_expects_pods, what="every PodDisruptionBudget covers a pod")


def test_every_autoscaler_scales_a_deployment_that_exists(deployed: Deployed) -> None:
    deployments = {d["metadata"]["name"] for d in of_kind(deployed.objects, "Deployment")}
    scalers = of_kind(deployed.objects, "HorizontalPodAutoscaler") + of_kind(
        deployed.objects, "ScaledObject"
    )
    assert scalers
    for scaler in scalers:
        target = scaler["spec"]["scaleTargetRef"]
        assert target.get("kind", "Deployment") == "Deployment"
        assert target["name"] in deployments, scaler["metadata"]["name"]
        live = deployed.plane.get("deployment", "-n", NAMESPACE, target["name"])
        assert live["metadata"]["name"] == target["name"]


def test_every_pod_monitor_scrapes_pods_on_a_port_they_declare(deployed: Deployed) -> None:
    monitors = of_kind(deployed.objects, "PodMonitor")
    assert monitors
    for monitor in monitors:
        by = f"PodMonitor {monitor['metadata']['name']}"
        deployed.assert_selects_something(monitor["spec"]["selector"], by=by)
        for pod in deployed.pods(monitor["spec"]["selector"]):
            ports = {
                port.get("name")
                for container in pod["spec"]["containers"]
                for port in container.get("ports", [])
            }
            for endpoint in monitor["spec"]["podMetricsEndpoints"]:
                assert endpoint["port"] in ports, (
                    monitor["metadata"]["name"],
                    pod["metadata"]["name"],
                )


def test_every_network_policy_applies_to_pods_that_run(deployed: Deployed) -> None:
    policies = of_kind(deployed.objects, "NetworkPolicy")
    assert policies
    for policy in policies:
        by = f"NetworkPolicy {policy['metadata']['name']}"
        deployed.assert_selects_something(policy["spec"]["podSelector"], by=by)
        for rule in policy["spec"].get("ingress", []) + policy["spec"].get("egress", []):
            for peer in rule.get("from", []) + rule.get("to", []):
                if "podSelector" in peer and "namespaceSelector" not in peer:
                    deployed.assert_selects_something(peer["podSelector"], by=f"{by}, a peer")

"""What operating Clearway on Kubernetes relies on, read from deploy/k8s and rendered with
kustomize (kubectl's built-in one): a config change rolls the pods, a new image runs its
migrations, a node drain never takes every replica of a role, every role is scraped on its
metrics port, the alerts and the dashboard read metrics the code exports, PostgreSQL is
backed up and can be restored, and the manifests' commands, probes and variables are the
code's."""

import importlib
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from clearway_platform.cli import KNOWN_ROLES
from clearway_platform.web.health import router as health_router
from tests.support.manifests import (
    DEPLOY,
    Manifest,
    containers,
    crd_schemas,
    manifests,
    of_kind,
    render,
)
from tests.support.manifests import violations as crd_violations

BASE = manifests(DEPLOY / "base")
SOURCES = [*DEPLOY.parents[1].glob("shared/*/src"), *DEPLOY.parents[1].glob("services/*/src")]
DEPLOY_SH = DEPLOY / "deploy.sh"
# Metrics the alerts or the dashboard may read before the code exports them (none now).
AWAITED_METRICS: set[str] = set()


def render_with(tmp_path: Path, overlay: str, component: str) -> list[Manifest]:
    """The overlay with a component, as an operator would combine them (relative paths only)."""
    overlay_dir = os.path.relpath(DEPLOY / "overlays" / overlay, tmp_path)
    component_dir = os.path.relpath(DEPLOY / "components" / component, tmp_path)
    kustomization = {"resources": [overlay_dir], "components": [component_dir]}
    (tmp_path / "kustomization.yaml").write_text(yaml.safe_dump(kustomization))
    out = subprocess.run(
        ["kubectl", "kustomize", str(tmp_path)], capture_output=True, text=True, check=True
    ).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def named(objects: list[Manifest], kind: str) -> dict[str, Manifest]:
    return {o["metadata"]["name"]: o for o in of_kind(objects, kind)}


def pod_labels(workload: Manifest) -> dict[str, str]:
    labels: dict[str, str] = workload["spec"]["template"]["metadata"]["labels"]
    return labels


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    if any(labels.get(k) != v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In", expression
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def app(workload: Manifest) -> Manifest:
    [container] = [c for c in containers(workload) if c["name"] == "app"]
    return container


# ----------------------------------------------------------------- rollouts and migrations


def test_a_config_change_renames_the_configmap_and_so_rolls_the_pods() -> None:
    dev = render("dev")
    configmaps, secrets = named(dev, "ConfigMap"), named(dev, "Secret")
    [common] = [name for name in configmaps if name.startswith("clearway-common-")]
    for deployment in of_kind(dev, "Deployment"):
        sources = {
            s["configMapRef"]["name"] for s in app(deployment)["envFrom"] if "configMapRef" in s
        }
        assert sources == {common}, deployment["metadata"]["name"]
    # Hashed too (kustomize rewrites their references): a new key rolls the gateway/services.
    assert any(name.startswith("gateway-auth-") for name in secrets)
    assert any(name.startswith("gateway-public-keys-") for name in configmaps)
    # CloudNativePG finds the database Secrets by their plain names.
    for service in ("gateway", "declaration", "inspection", "release"):
        assert f"clearway-db-{service}" in secrets


@pytest.mark.parametrize("overlay", ["dev", "production"])
def test_a_new_image_tag_runs_its_own_migrations(overlay: str) -> None:
    first, second = render(overlay, tag="1.4.2"), render(overlay, tag="1.4.3")
    jobs = {name: job for name, job in named(second, "Job").items()}
    assert set(named(first, "Job")).isdisjoint(jobs)
    assert set(jobs) == {
        f"{s}-migrate-1.4.3" for s in ("gateway", "declaration", "inspection", "release")
    }
    images = {app(w)["image"] for w in of_kind(second, "Deployment") + of_kind(second, "Job")}
    assert len(images) == 1 and images.pop().endswith(":1.4.3")


def test_the_dev_overlay_is_not_deployed_under_its_placeholder_tag() -> None:
    result = subprocess.run(
        ["bash", str(DEPLOY_SH), str(DEPLOY / "overlays" / "dev")],
        env={"PATH": "/usr/local/bin:/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "CLEARWAY_IMAGE_TAG" in result.stderr


# ------------------------------------------------------------------ disruption budgets


@pytest.mark.parametrize("overlay", ["dev", "production"])
def test_a_node_drain_never_takes_every_replica_of_a_role(overlay: str) -> None:
    objects = render(overlay, tag="1.0.0")
    budgets = of_kind(objects, "PodDisruptionBudget")
    for deployment in of_kind(objects, "Deployment"):
        labels = pod_labels(deployment)
        if labels["app.kubernetes.io/component"] == "worker":
            continue  # one replica, Recreate: a budget could only block the drain
        [budget] = [b for b in budgets if selects(b["spec"]["selector"], labels)]
        assert budget["spec"] == budget["spec"] | {"maxUnavailable": 1}, budget["metadata"]["name"]


# ----------------------------------------------------------------------- observability


def test_every_role_is_scraped_on_its_metrics_port() -> None:
    monitors = of_kind(BASE, "PodMonitor")
    for deployment in of_kind(BASE, "Deployment"):
        labels = pod_labels(deployment)
        scraping = [m for m in monitors if selects(m["spec"]["selector"], labels)]
        assert len(scraping) == 1, deployment["metadata"]["name"]
        [endpoint] = scraping[0]["spec"]["podMetricsEndpoints"]
        assert endpoint["port"] == "metrics"
        assert "metrics" in {p["name"] for p in app(deployment)["ports"]}


def alerts() -> dict[str, Manifest]:
    [rule] = of_kind(BASE, "PrometheusRule")
    return {r["alert"]: r for group in rule["spec"]["groups"] for r in group["rules"]}


def dashboard() -> dict[str, Any]:
    return dict(json.loads((DEPLOY / "base" / "monitoring" / "dashboard.json").read_text()))


def test_the_alerts_cover_what_on_call_must_know() -> None:
    names = set(alerts())
    assert names >= {
        "ClearwayConsumerLagHigh",
        "ClearwayOutboxBacklog",
        "ClearwayDeadLetters",
        "ClearwayTransitsOverdue",
        "ClearwayHighErrorRate",
        "ClearwayHighLatencyP99",
    }
    for name, rule in alerts().items():
        assert rule["labels"]["severity"] in {"warning", "critical"}, name
        assert rule["annotations"]["runbook_url"].endswith(f"operations.md#{name.lower()}")


def test_the_runbook_says_what_each_alert_means_and_what_to_do() -> None:
    runbook = (DEPLOY.parents[1] / "docs" / "operations.md").read_text()
    headings = {
        line[4:].strip().lower() for line in runbook.splitlines() if line.startswith("### ")
    }
    for name in alerts():
        assert name.lower() in headings, f"docs/operations.md has no section {name}"


def referenced_metrics() -> set[str]:
    expressions = [rule["expr"] for rule in alerts().values()] + [
        target["expr"] for panel in dashboard()["panels"] for target in panel.get("targets", [])
    ]
    found = {m for expr in expressions for m in re.findall(r"\bclearway_[a-z_]+", expr)}
    return {re.sub(r"_(bucket|sum|count)$", "", m) for m in found}


def exported_metrics() -> set[str]:
    text = "\n".join(p.read_text() for src in SOURCES for p in src.rglob("*.py"))
    return set(re.findall(r"[\"'](clearway_[a-z_]+)[\"']", text))


def test_the_alerts_and_the_dashboard_read_metrics_the_code_exports() -> None:
    missing = referenced_metrics() - exported_metrics()
    assert missing == AWAITED_METRICS


def test_the_dashboard_is_a_configmap_grafana_loads() -> None:
    [configmap] = [
        c
        for c in render("production", tag="1.0.0")
        if c["metadata"]["name"] == "clearway-dashboard"
    ]
    assert configmap["metadata"]["labels"]["grafana_dashboard"] == "1"
    board = yaml.safe_load(configmap["data"]["clearway-overview.json"])
    assert board["uid"] == "clearway-overview"
    assert all(p["type"] in {"row", "timeseries", "stat"} for p in board["panels"])


# ------------------------------------------------------------------ backup and restore


def test_production_archives_wal_and_takes_a_nightly_base_backup() -> None:
    production = render("production", tag="1.0.0")
    [cluster] = of_kind(production, "Cluster")
    store = cluster["spec"]["backup"]["barmanObjectStore"]
    assert store["destinationPath"].startswith("s3://")
    assert store["s3Credentials"]["secretAccessKey"]["name"] == "clearway-pg-backup"
    [scheduled] = of_kind(production, "ScheduledBackup")
    assert scheduled["spec"]["cluster"] == {"name": cluster["metadata"]["name"]}
    assert scheduled["spec"]["method"] == "barmanObjectStore"


def test_the_restore_component_recovers_from_the_archive_without_overwriting_it(
    tmp_path: Path,
) -> None:
    restored = render_with(tmp_path, "production", "restore")
    [cluster] = of_kind(restored, "Cluster")
    spec = cluster["spec"]
    recovery = spec["bootstrap"]["recovery"]
    [origin] = [e for e in spec["externalClusters"] if e["name"] == recovery["source"]]
    own = spec["backup"]["barmanObjectStore"]
    assert origin["barmanObjectStore"]["destinationPath"] == own["destinationPath"]
    assert origin["barmanObjectStore"]["s3Credentials"] == own["s3Credentials"]
    assert origin["barmanObjectStore"]["serverName"] == "clearway-pg"
    assert own["serverName"] != "clearway-pg"
    assert "initdb" not in spec["bootstrap"]
    schema = crd_schemas()[(cluster["apiVersion"], "Cluster")]
    assert crd_violations(cluster, schema) == []


@pytest.mark.parametrize("overlay", ["dev", "production"])
def test_every_operator_object_of_the_rendered_overlay_fits_its_crd(overlay: str) -> None:
    schemas = crd_schemas()
    for obj in render(overlay, tag="1.0.0"):
        key = (obj["apiVersion"], obj["kind"])
        if key in schemas:
            assert crd_violations(obj, schemas[key]) == [], obj["metadata"]["name"]


# --------------------------------------------------------- the manifests are the code's


WORKLOADS = of_kind(BASE, "Deployment") + of_kind(BASE, "Job")


@pytest.mark.parametrize("workload", WORKLOADS, ids=[w["metadata"]["name"] for w in WORKLOADS])
def test_commands_probes_and_variables_are_the_codes(workload: Manifest) -> None:
    labels = pod_labels(workload)
    service, component = labels["app.kubernetes.io/name"], labels["app.kubernetes.io/component"]
    container = app(workload)
    assert container["command"] == ["python", "-m", f"clearway_{service}"]
    importlib.import_module(f"clearway_{service}.__main__")  # the command exists
    if component == "migration":
        assert container["args"] == ["migrate"]
    else:
        assert container["args"] == ["serve", "--roles", component]
        assert component in KNOWN_ROLES
    routes = {getattr(route, "path", None) for route in health_router.routes}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        if probe in container:
            assert container[probe]["httpGet"]["path"] in routes, probe
            assert container[probe]["httpGet"]["port"] == "http"
    settings = importlib.import_module(f"clearway_{service}.settings").Settings
    prefix = settings.model_config["env_prefix"]
    fields = {prefix + name.upper() for name in settings.model_fields}
    variables = {v["name"] for v in container["env"] if v["name"].startswith(prefix)}
    assert variables - fields == set(), "variables the service would silently ignore"

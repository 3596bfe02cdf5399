"""The Kubernetes manifests in deploy/k8s, read as data, and the operators' CRD schemas to
check them against (offline: a real API server is another test's job).

The CRDs are the operators' own, kept beside the repository in ``shared/k8s/crds`` (beside
the clone, or beside the folder of worktrees).
A CRD's openAPIV3Schema is a JSON Schema, except that the API server prunes (or, with strict
field validation, refuses) fields it does not declare: ``strict`` makes that explicit, so a
misspelt or removed field is an error here too.
"""

import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from tests.support.infra import REPO

DEPLOY = REPO / "deploy" / "k8s"
CRDS = next(
    (
        folder / "shared/k8s/crds"
        for folder in REPO.parents
        if (folder / "shared/k8s/crds").is_dir()
    ),
    REPO.parent / "shared/k8s/crds",
)

Manifest = dict[str, Any]


def manifests(folder: Path) -> list[Manifest]:
    """Every object in the YAML files under ``folder`` (base, or an overlay's patches); JSON
    patches (lists of operations) are no objects and are left out."""
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        documents = yaml.load_all(path.read_text(), Loader=yaml.CSafeLoader)
        found += [doc for doc in documents if isinstance(doc, dict) and "kind" in doc]
    return found


def of_kind(objects: list[Manifest], kind: str) -> list[Manifest]:
    return [o for o in objects if o["kind"] == kind]


@cache
def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) -> the served version's schema, for every CRD kept beside us."""
    if not CRDS.is_dir():
        raise FileNotFoundError(f"the operators' CRDs are not at {CRDS}")
    schemas = {}
    for path in sorted(CRDS.rglob("*.yaml")):
        for crd in yaml.load_all(path.read_text(), Loader=yaml.CSafeLoader):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if version.get("served"):
                    schema = version["schema"]["openAPIV3Schema"]
                    schemas[(f"{group}/{version['name']}", kind)] = schema
    return schemas


def violations(obj: Manifest, schema: dict[str, Any], *, partial: bool = False) -> list[str]:
    """What the API server would refuse or drop in ``obj``; ``partial`` for a kustomize patch,
    which need not repeat the required fields."""
    validator = jsonschema_rs.validator_for(strict(schema, partial=partial))
    return [
        f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in validator.iter_errors(obj)
    ]


def strict(schema: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The schema with every object closed to undeclared fields, as the API server treats it."""
    result: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "required" and partial:
            continue
        if key == "properties":
            result[key] = {name: strict(sub, partial=partial) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            result[key] = strict(value, partial=partial)
        elif key in ("allOf", "anyOf", "oneOf"):
            result[key] = [strict(sub, partial=partial) for sub in value]
        else:
            result[key] = value
    if (
        "properties" in schema
        and "additionalProperties" not in schema
        and not schema.get("x-kubernetes-preserve-unknown-fields")
    ):
        result["additionalProperties"] = False
    return result


def containers(obj: Manifest) -> Iterator[Manifest]:
    yield from obj["spec"]["template"]["spec"]["containers"]


@cache
def render(overlay: str, *, tag: str | None = None) -> list[Manifest]:
    """What deploy.sh would apply for the overlay (with CLEARWAY_IMAGE_TAG=tag)."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin"} | ({"CLEARWAY_IMAGE_TAG": tag} if tag else {})
    out = subprocess.run(
        ["bash", str(DEPLOY / "deploy.sh"), "--render", str(DEPLOY / "overlays" / overlay)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]

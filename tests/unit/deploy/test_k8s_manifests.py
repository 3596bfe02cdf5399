"""The Kubernetes manifests keep the same trust boundary as the code: Strimzi objects an
operator of today accepts, SCRAM on the only client listener, one KafkaUser per service with
exactly the topology's ACLs, and every pod that uses Kafka logging in as its own user."""

from typing import Any

import pytest

from clearway_contracts.events.topology import PARTICIPANTS, Grant, all_topics, participant
from clearway_infra.kafka import DEFAULT_VERSION
from tests.support.manifests import (
    DEPLOY,
    Manifest,
    containers,
    crd_schemas,
    manifests,
    of_kind,
    violations,
)

BASE = manifests(DEPLOY / "base")
OVERLAYS = ["dev", "production"]
LAG_READER = "keda-lag-reader"


def the(kind: str) -> Manifest:
    [obj] = of_kind(BASE, kind)
    return obj


def grants(user: Manifest) -> list[Grant]:
    acls = user["spec"]["authorization"]["acls"]
    assert all(acl["resource"].get("patternType", "literal") == "literal" for acl in acls)
    assert all(acl.get("type", "allow") == "allow" for acl in acls)
    return sorted(
        Grant(acl["resource"]["type"], acl["resource"]["name"], operation)
        for acl in acls
        for operation in acl["operations"]
    )


def env(container: Manifest) -> dict[str, Any]:
    return {variable["name"]: variable for variable in container.get("env", [])}


def test_every_operator_object_is_what_the_operators_crds_accept() -> None:
    schemas = crd_schemas()
    operator_objects = [o for o in BASE if "." in o["apiVersion"].split("/")[0]]
    assert {o["kind"] for o in operator_objects} >= {"Kafka", "KafkaNodePool", "KafkaUser"}
    for obj in operator_objects:
        key = (obj["apiVersion"], obj["kind"])
        if key[0].startswith(("kafka.strimzi.io", "keda.sh")):
            assert key in schemas, f"{key} is not served by the operator's CRDs"
        if key in schemas:
            assert violations(obj, schemas[key]) == [], obj["metadata"]["name"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_overlays_patch_only_fields_the_crds_have(overlay: str) -> None:
    schemas = crd_schemas()
    for patch in manifests(DEPLOY / "overlays" / overlay):
        key = (patch["apiVersion"], patch["kind"])
        if key[0].startswith("kafka.strimzi.io"):
            assert key in schemas, f"{key} is not served by the operator's CRDs"
            assert violations(patch, schemas[key], partial=True) == []


def test_kafka_is_the_version_the_local_broker_runs() -> None:
    kafka = the("Kafka")["spec"]["kafka"]
    assert kafka["version"] == DEFAULT_VERSION
    major, minor, _ = DEFAULT_VERSION.split(".")
    assert kafka["metadataVersion"].startswith(f"{major}.{minor}-IV")


def test_no_client_reaches_kafka_without_scram_and_acls() -> None:
    kafka = the("Kafka")["spec"]["kafka"]
    assert kafka["authorization"] == {"type": "simple"}
    for listener in kafka["listeners"]:
        assert listener["authentication"] == {"type": "scram-sha-512"}, listener["name"]
        peers = listener["networkPolicyPeers"]
        [services] = [p for p in peers if "namespaceSelector" not in p]
        names, components = services["podSelector"]["matchExpressions"]
        assert names["values"] == [p.name for p in PARTICIPANTS]  # the gateway's statistics too
        assert set(components["values"]) == {"api", "relay", "consumer", "worker", "statistics"}
    assert kafka["config"]["auto.create.topics.enable"] is False


def test_the_topics_are_the_topologys() -> None:
    topics = {t["spec"]["topicName"] for t in of_kind(BASE, "KafkaTopic")}
    assert topics == set(all_topics())


def test_each_service_is_a_kafka_user_with_exactly_the_topologys_rights() -> None:
    users = {u["metadata"]["name"]: u for u in of_kind(BASE, "KafkaUser")}
    assert set(users) == {p.principal for p in PARTICIPANTS} | {LAG_READER}
    for service in PARTICIPANTS:
        user = users[service.principal]
        assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
        assert grants(user) == service.grants(), service.name


def test_keda_reads_the_lag_as_a_user_that_may_only_describe() -> None:
    [user] = [u for u in of_kind(BASE, "KafkaUser") if u["metadata"]["name"] == LAG_READER]
    consumed = {t for p in PARTICIPANTS for t in p.reads}
    groups = {g.name for p in PARTICIPANTS for g in p.grants() if g.resource == "group"}
    assert grants(user) == sorted(
        [Grant("topic", t, "Describe") for t in consumed]
        + [Grant("group", g, "Describe") for g in groups]
    )
    secret_prefix = the("Kafka")["spec"]["entityOperator"]["userOperator"]["secretPrefix"]
    [auth] = of_kind(BASE, "TriggerAuthentication")
    [password] = auth["spec"]["secretTargetRef"]
    assert (password["name"], password["key"]) == (secret_prefix + LAG_READER, "password")
    for scaled in of_kind(BASE, "ScaledObject"):
        for trigger in scaled["spec"]["triggers"]:
            assert trigger["authenticationRef"] == {"name": auth["metadata"]["name"]}


def test_every_pod_that_uses_kafka_logs_in_as_its_own_service() -> None:
    secret_prefix = the("Kafka")["spec"]["entityOperator"]["userOperator"]["secretPrefix"]
    deployments = of_kind(BASE, "Deployment")
    checked = set()
    for deployment in deployments:
        labels = deployment["metadata"]["labels"]
        service, component = labels["app.kubernetes.io/name"], labels["app.kubernetes.io/component"]
        on_kafka = participant(service)
        if service == "gateway" and component != "statistics":
            on_kafka = None  # only its statistics consumer uses Kafka, never its API
        for container in containers(deployment):
            variables = env(container)
            prefix = f"{service.upper()}_KAFKA_"
            if on_kafka is None:
                assert not {f"{prefix}USERNAME", f"{prefix}PASSWORD"} & variables.keys()
                continue
            assert variables[f"{prefix}USERNAME"]["value"] == on_kafka.principal
            reference = variables[f"{prefix}PASSWORD"]["valueFrom"]["secretKeyRef"]
            assert reference == {"name": secret_prefix + on_kafka.principal, "key": "password"}
            checked.add(deployment["metadata"]["name"])
    # api, relay, consumer(, worker); the gateway: its statistics consumer only
    roles = {"declaration": 3, "inspection": 4, "release": 4, "gateway": 1}
    assert len(checked) == sum(roles.values())

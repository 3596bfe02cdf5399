"""The backbone on a broker: its topics, and each service's ACLs, for one deployment.

A deployment is a topic prefix: empty for `make run`, one per test (or benchmark) for
isolation on a shared broker. Everything is derived from clearway_contracts.events.topology,
like the KafkaUsers in deploy/k8s, and done as the admin principal.
"""

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from kafka.admin import (
    ACL,
    ACLFilter,
    ACLOperation,
    ACLPermissionType,
    ACLResourcePatternType,
    KafkaAdminClient,
    ResourcePattern,
    ResourcePatternFilter,
    ResourceType,
)

from clearway_contracts.events.topology import PARTICIPANTS, Grant, all_topics
from clearway_infra.errors import InfraError

TOPIC_ALREADY_EXISTS = 36
RESOURCE_TYPES = {"topic": ResourceType.TOPIC, "group": ResourceType.GROUP}


async def open_backbone(admin: dict[str, Any], prefix: str = "", partitions: int = 3) -> None:
    """Create every topic of the backbone under ``prefix`` and grant every service its ACLs."""
    await create_topics(admin, all_topics(prefix), partitions)
    await asyncio.to_thread(grant_acls, admin, prefix)


def backbone_acls(prefix: str = "") -> list[ACL]:
    """Every service's rights on the topics and groups of one deployment, and nothing else."""
    return [
        _acl(participant.principal, grant)
        for participant in PARTICIPANTS
        for grant in participant.grants(prefix)
    ]


def grant_acls(admin: dict[str, Any], prefix: str = "", timeout: float = 30.0) -> None:
    """Grant the backbone's ACLs of deployment ``prefix`` (idempotent), and return once the
    broker enforces them."""
    wanted = backbone_acls(prefix)
    client = KafkaAdminClient(**admin, client_id="clearway-infra")
    try:
        result = client.create_acls(wanted)
        if result["failed"]:
            raise InfraError(f"Kafka refused ACLs for prefix {prefix!r}: {result['failed']}")
        # The controller has committed them; the broker applies them when it replays the
        # metadata log, and describes what its authorizer holds.
        deadline = time.monotonic() + timeout
        while not _described(client, wanted):
            if time.monotonic() > deadline:
                raise InfraError(f"the ACLs for prefix {prefix!r} were not in force in {timeout} s")
            time.sleep(0.05)
    finally:
        client.close()


async def create_topics(admin: dict[str, Any], names: Iterable[str], partitions: int = 3) -> None:
    """Create the topics that do not exist yet (replication factor 1), and wait until they
    have leaders."""
    wanted = sorted(set(names))
    client = AIOKafkaAdminClient(**admin)
    await client.start()
    try:
        missing = set(wanted) - set(await client.list_topics())
        if missing:
            topics = [NewTopic(name, partitions, 1) for name in sorted(missing)]
            response = await client.create_topics(topics)
            for topic, code, *_ in response.topic_errors:
                if code not in (0, TOPIC_ALREADY_EXISTS):
                    raise InfraError(f"Could not create topic {topic}: Kafka error {code}")
        await _wait_for_leaders(client, wanted)
    finally:
        await client.close()


def _acl(principal: str, grant: Grant) -> ACL:
    return ACL(
        principal=f"User:{principal}",
        host="*",
        operation=ACLOperation[grant.operation.upper()],
        permission_type=ACLPermissionType.ALLOW,
        resource_pattern=ResourcePattern(
            RESOURCE_TYPES[grant.resource], grant.name, ACLResourcePatternType.LITERAL
        ),
    )


def _described(client: KafkaAdminClient, wanted: list[ACL]) -> bool:
    every = ACLFilter(
        principal=None,
        host=None,
        operation=ACLOperation.ANY,
        permission_type=ACLPermissionType.ANY,
        resource_pattern=ResourcePatternFilter(
            ResourceType.ANY, None, ACLResourcePatternType.LITERAL
        ),
    )
    described, _ = client.describe_acls(every)
    return {_key(acl) for acl in wanted} <= {_key(acl) for acl in described}


def _key(acl: ACL) -> tuple[str, int, str, int]:
    pattern = acl.resource_pattern
    return (acl.principal, int(pattern.resource_type), pattern.resource_name, int(acl.operation))


async def _wait_for_leaders(client: AIOKafkaAdminClient, topics: list[str]) -> None:
    """Wait until every partition of ``topics`` has a leader in the metadata."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        described = await client.describe_topics(topics)
        if all(
            topic["error_code"] == 0
            and topic["partitions"]
            and all(partition["leader"] >= 0 for partition in topic["partitions"])
            for topic in described
        ):
            return
        await asyncio.sleep(0.1)
    raise InfraError(f"Topics {topics} got no partition leaders within 30 s")

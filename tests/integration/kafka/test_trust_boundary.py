"""The broker is the trust boundary: nobody gets in without a principal's password, and each
service may write only its own topics, read only the topics it consumes and join only its own
consumer group. Every refusal is checked beside the rightful principal doing the same thing,
so these tests fail both when the boundary leaks and when it blocks legitimate traffic."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.conn import create_conn
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    SaslAuthenticationFailed,
    TopicAuthorizationFailedError,
)

from clearway_contracts.events.topology import PARTICIPANTS, Participant, all_topics, consumer_group
from clearway_platform.kafka import create_producer
from clearway_platform.settings import ServiceSettings
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration


@pytest.fixture
async def prefix(infra: TestInfra, topic_prefix: str) -> str:
    """A deployment of the backbone of this test's own: its topics and their ACLs."""
    await infra.open_backbone(topic_prefix)
    return topic_prefix


@asynccontextmanager
async def producer_of(infra: TestInfra, service: str) -> AsyncIterator[AIOKafkaProducer]:
    """The service's own producer, as its relay creates it (idempotent, its credentials)."""
    producer = create_producer(
        ServiceSettings(service_name=service, **infra.kafka_settings(service))
    )
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


async def read_first(options: dict[str, Any], topic: str, group: str) -> bytes:
    """The first record of ``topic``, read as a member of consumer group ``group``."""
    consumer = AIOKafkaConsumer(
        topic, **options, group_id=group, auto_offset_reset="earliest", enable_auto_commit=False
    )
    try:
        await consumer.start()
        record = await asyncio.wait_for(consumer.getone(), timeout=30)
        return record.value or b""
    finally:
        await consumer.stop()


async def test_a_client_without_credentials_is_hung_up_on(infra: TestInfra, prefix: str) -> None:
    anonymous = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
    with pytest.raises(KafkaConnectionError):
        await anonymous.start()
    await anonymous.stop()
    async with producer_of(infra, "declaration") as rightful:
        await rightful.send_and_wait(f"{prefix}clearway.declaration.events", b"{}", key=b"k")


@pytest.mark.parametrize("whose", ["made-up", "inspection"])
async def test_a_wrong_password_fails_authentication(infra: TestInfra, whose: str) -> None:
    """A made-up password, or another service's, is refused by the SCRAM handshake itself."""
    right = infra.kafka_options("declaration")
    password = (
        "made-up" if whose == "made-up" else infra.kafka_options(whose)["sasl_plain_password"]
    )
    wrong = {**right, "sasl_plain_password": password}
    host, port = infra.kafka_bootstrap.rsplit(":", 1)

    async def log_in(options: dict[str, Any]) -> None:
        conn = await create_conn(
            host,
            int(port),
            security_protocol=options["security_protocol"],
            sasl_mechanism=options["sasl_mechanism"],
            sasl_plain_username=options["sasl_plain_username"],
            sasl_plain_password=options["sasl_plain_password"],
        )
        conn.close()

    with pytest.raises(SaslAuthenticationFailed):
        await log_in(wrong)
    await log_in(right)


@pytest.mark.parametrize("service", PARTICIPANTS, ids=lambda p: p.name)
async def test_a_service_writes_its_own_topics_and_no_other(
    infra: TestInfra, prefix: str, service: Participant
) -> None:
    own = {prefix + topic for topic in service.topics}
    async with producer_of(infra, service.name) as producer:
        for topic in all_topics(prefix):
            if topic in own:
                await producer.send_and_wait(topic, b"{}", key=b"k")
            else:
                with pytest.raises(TopicAuthorizationFailedError):
                    await producer.send_and_wait(topic, b"forged", key=b"k")


@pytest.mark.parametrize("service", PARTICIPANTS, ids=lambda p: p.name)
async def test_a_service_reads_only_the_topics_it_consumes(
    infra: TestInfra, prefix: str, service: Participant
) -> None:
    publishers = [(owner.name, owner.publishes) for owner in PARTICIPANTS if owner.publishes]
    for name, published in publishers:
        async with producer_of(infra, name) as producer:
            await producer.send_and_wait(prefix + published, name.encode(), key=b"k", partition=0)
    options = infra.kafka_options(service.name)
    group = prefix + consumer_group(service.name)
    for name, published in publishers:
        topic = prefix + published
        if published in service.reads:
            assert await read_first(options, topic, group) == name.encode()
        else:
            with pytest.raises(TopicAuthorizationFailedError):
                await read_first(options, topic, group)


async def test_a_service_joins_only_its_own_consumer_group(infra: TestInfra, prefix: str) -> None:
    """The declaration service may read the inspection topic, but only in its own group:
    joining the release service's would take over (and commit) the release service's work."""
    topic = f"{prefix}clearway.inspection.events"
    async with producer_of(infra, "inspection") as producer:
        await producer.send_and_wait(topic, b"{}", key=b"k")

    async def join(group: str) -> int:
        consumer = AIOKafkaConsumer(
            topic, **infra.kafka_options("declaration"), group_id=group,
            auto_offset_reset="earliest", enable_auto_commit=False,
        )  # fmt: skip
        try:
            await consumer.start()
            return len(await consumer.getmany(timeout_ms=10_000))
        finally:
            await consumer.stop()

    with pytest.raises(GroupAuthorizationFailedError):
        await join(prefix + consumer_group("release"))
    assert await join(prefix + consumer_group("declaration")) == 1

"""Issue #9, cases 2 and 4 (and the public half of 3), tried again against the running system:
a hand-made inspection result on Kafka releases nothing, the published development secret
signs nothing, and the public port serves no metrics."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import jwt
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError, TopicAuthorizationFailedError

from clearway_contracts.events.common import Outcome
from clearway_contracts.events.envelope import encode
from clearway_contracts.events.inspection import InspectionCompleted
from clearway_contracts.events.release import TOPIC as RELEASE_TOPIC
from clearway_gateway.settings import Settings as GatewaySettings
from clearway_platform.profile import UnsafeSettings
from tests.e2e.conftest import System
from tests.e2e.flow import lodge, wait_for_status
from tests.support.events import EventProbe
from tests.support.infra import TestInfra
from tests.support.samples import bodies

PUBLISHED_DEV_SECRET = "clearway-dev-only-jwt-secret-change-me-0123456789"


def forged_pass(declaration_id: str) -> InspectionCompleted:
    return InspectionCompleted(
        declaration_id=UUID(declaration_id),
        revision=1,
        site_id="HRG-1",
        outcome=Outcome.PASSED,
        reasons=[],
        inspector="forged",
        vehicles_inspected=1,
        completed_at=datetime.now(UTC),
    )


async def publish(options: dict[str, Any], topic: str, payload: Any, *, source: str) -> None:
    _, record = encode(payload, source=source)
    producer = AIOKafkaProducer(**options, request_timeout_ms=10_000)
    await producer.start()
    try:
        await producer.send_and_wait(topic, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


async def test_a_hand_made_inspection_result_on_kafka_releases_nothing(
    system: System, infra: TestInfra
) -> None:
    """Case 2: one forged `inspection.completed` released a red-lane car that never arrived."""
    forwarder, officer = system.forwarder(), system.official("officer-hrg")
    lodged = await lodge(forwarder, bodies.local_car(used=True))
    await wait_for_status(forwarder, lodged["id"], "under_control")
    forged = forged_pass(lodged["id"])
    inspection_topic = system.topic_prefix + forged.topic

    anonymous = {"bootstrap_servers": infra.kafka_bootstrap}
    with pytest.raises(KafkaError):  # no credentials: the broker hangs up
        await asyncio.wait_for(
            publish(anonymous, inspection_topic, forged, source="/clearway/inspection"), 30
        )
    with pytest.raises(TopicAuthorizationFailedError):  # another service's password
        await publish(
            infra.kafka_options("declaration"),
            inspection_topic,
            forged,
            source="/clearway/inspection",
        )
    # A principal may write its own topic only, and only its own kind of event: the release
    # service's password cannot pass an inspection off as one on the release topic either.
    release_topic = system.topic_prefix + RELEASE_TOPIC
    dlq = f"{system.topic_prefix}clearway.declaration.dlq"
    async with EventProbe(system.kafka, dlq) as dead_letters:
        await publish(
            infra.kafka_options("release"), release_topic, forged, source="/clearway/release"
        )
        [letter] = await dead_letters.wait_for(
            lambda seen: any(e.subject == lodged["id"] for e in seen)
        )
    assert letter.type == InspectionCompleted.event_type

    await asyncio.sleep(1.5)  # time for any (wrong) release to show
    found = (await forwarder.get(f"/v1/declarations/{lodged['id']}")).json()
    assert found["status"] == "under_control"
    assert found["progress"]["inspection"] is None
    exit_attempt = await officer.post(f"/v1/releases/{lodged['id']}/exits", json={"revision": 1})
    assert exit_attempt.status_code == 409


async def test_a_token_signed_with_the_published_development_secret_is_refused(
    system: System,
) -> None:
    """Case 4: a token signed with the secret from the gateway's old settings was admin."""
    now = datetime.now(UTC)
    claims = {
        "sub": "mallory",
        "role": "admin",
        "aud": "clearway",
        "iss": "clearway-gateway",
        "iat": now,
        "exp": now + timedelta(hours=1),
    }
    token = jwt.encode(claims, PUBLISHED_DEV_SECRET, algorithm="HS256")
    response = await system.anonymous().get(
        "/v1/declarations", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


def test_production_refuses_to_start_with_the_published_secret_or_none() -> None:
    for secret in (PUBLISHED_DEV_SECRET, None):
        settings = GatewaySettings(profile="production", jwt_secret=secret)
        with pytest.raises(UnsafeSettings):
            settings.check_secrets()


async def test_the_public_port_serves_no_metrics(system: System) -> None:
    """Case 3: /metrics of the gateway was served publicly through the Ingress."""
    response = await system.anonymous().get("/metrics")
    assert response.status_code == 404

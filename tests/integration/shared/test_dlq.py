"""The DLQ command on a real broker: a dead letter is listed with its reason, shown, and once
its cause is fixed, replayed to its topic and processed once, however often it is replayed."""

import asyncio
import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prometheus_client import REGISTRY
from pydantic import SecretStr

from clearway_contracts.events.envelope import Envelope
from clearway_platform.cli import main
from clearway_platform.errors import PermanentEventError
from clearway_platform.handlers import EventHandlers
from clearway_platform.kafka import create_producer
from clearway_platform.settings import ServiceSettings
from clearway_platform.uow import UnitOfWork
from tests.integration.shared import backbone
from tests.integration.shared.conftest import Backbone
from tests.integration.shared.test_inbox import consuming, raw_producer, send_probe, wait_for_hits
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration

BLOCKED: set[UUID] = set()  # declarations whose events fail, until the test "fixes" them

handlers = EventHandlers()


@handlers.on(backbone.Probed)
async def count_unless_blocked(uow: UnitOfWork, event: backbone.Probed, _: Envelope) -> None:
    if event.declaration_id in BLOCKED:
        raise PermanentEventError(f"declaration {event.declaration_id} is not known here yet")
    await backbone.bump(uow, str(event.declaration_id))


async def dlq(settings: ServiceSettings, *argv: str) -> int:
    """``python -m clearway_<service> dlq ...``, in a thread of its own (it runs its own loop)."""
    return await asyncio.to_thread(
        main,
        service=settings.service_name,
        settings_factory=lambda: settings,
        app_factory="unused:app",
        migrations_dir=Path("."),
        argv=["dlq", *argv],
    )


def as_operator(bb: Backbone, infra: TestInfra) -> ServiceSettings:
    """The consuming service's settings, logged in as the admin user, as an operator runs it."""
    admin = infra.kafka_options()
    return bb.consumer.model_copy(
        update={
            "kafka_username": "admin",
            "kafka_password": SecretStr(admin["sasl_plain_password"]),
        }
    )


async def dead_letters(
    settings: ServiceSettings, capsys: pytest.CaptureFixture[str]
) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert await dlq(settings, "list", "--json") == 0
    found: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return found


def dead_lettered(bb: Backbone) -> float:
    labels = {"service": "inspection", "topic": bb.topic}
    return REGISTRY.get_sample_value("clearway_dlq_published_total", labels) or 0.0


async def test_a_dead_letter_is_replayed_once_its_cause_is_fixed_and_applied_once(
    bb: Backbone, infra: TestInfra, capsys: pytest.CaptureFixture[str]
) -> None:
    operator = as_operator(bb, infra)
    dead_before = dead_lettered(bb)
    async with raw_producer(bb) as producer:
        blocked = await send_probe(producer, bb, event_id="evt-blocked-1")
        BLOCKED.add(UUID(blocked))
        healthy = await send_probe(producer, bb)
    async with consuming(bb, handlers):
        await wait_for_hits(bb, {healthy: 1})
        async with asyncio.timeout(30):
            while not (letters := await dead_letters(operator, capsys)):
                await asyncio.sleep(0.5)
        [letter] = letters
        assert letter["event_id"] == "evt-blocked-1"
        assert letter["event_type"] == backbone.Probed.event_type
        assert letter["topic"] == bb.topic
        assert "is not known here yet" in letter["reason"]
        assert letter["consumer"] == bb.consumer.event_source
        dead_after = dead_lettered(bb)
        assert dead_after == dead_before + 1

        assert await dlq(operator, "show", "evt-blocked-1") == 0
        shown = json.loads(capsys.readouterr().out)
        assert shown["data"]["declaration_id"] == blocked
        assert shown["headers"]["ce_id"] == "evt-blocked-1"

        BLOCKED.clear()  # the cause is fixed
        assert await dlq(operator, "replay", "evt-blocked-1") == 0
        output = capsys.readouterr().out
        assert "replaying 1 dead letter(s)" in output
        assert f"[1/1] evt-blocked-1 {backbone.Probed.event_type} -> {bb.topic}" in output
        await wait_for_hits(bb, {blocked: 1, healthy: 1})

        # Replayed again, and everything on the topic at once: the inbox applies it once.
        assert await dlq(operator, "replay", letter["position"]) == 0
        assert await dlq(operator, "replay", "--all") == 0
        marker = await _send_marker(bb)
        await wait_for_hits(bb, {marker: 1})
    assert await backbone.hits(bb.uow()) == {blocked: 1, healthy: 1, marker: 1}


async def _send_marker(bb: Backbone) -> str:
    """An event sent after the replays: once it is counted, the replays before it were read."""
    async with raw_producer(bb) as producer:
        return await send_probe(producer, bb)


async def test_the_service_principal_is_told_to_run_as_the_operator(
    bb: Backbone, capsys: pytest.CaptureFixture[str]
) -> None:
    producer = create_producer(bb.consumer)  # it may write its .dlq, as its consumer does
    await producer.start()
    try:
        await producer.send_and_wait(bb.consumer.dead_letter_topic, b"{}", key=b"k")
    finally:
        await producer.stop()
    assert await dlq(bb.consumer, "list") == 1
    error = capsys.readouterr().err
    assert "refused 'inspection' to read" in error
    assert "CLEARWAY_KAFKA_USERNAME" in error  # the settings to give it another principal


async def test_an_unknown_id_names_what_to_give_instead(
    bb: Backbone, infra: TestInfra, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await dlq(as_operator(bb, infra), "replay", "no-such-event") == 1
    error = capsys.readouterr().err
    assert "no dead letter 'no-such-event'" in error
    assert "dlq list" in error

"""Webhooks end to end: real events through Kafka, the gateway's consumer and webhooks role,
a real HTTP receiver that fails, hangs and recovers; signatures verified by the
``standardwebhooks`` library, as an integrator would."""

import asyncio
import json
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from clearway_contracts.events.common import DeclarationStatus
from clearway_gateway.settings import Settings
from tests.integration.feed.conftest import Feed, FeedServer, create_other_key
from tests.integration.feed.test_feed import read_all
from tests.integration.webhooks.conftest import Receiver, webhook_settings
from tests.support.events import AsOwners
from tests.support.infra import TestInfra
from tests.support.samples.snapshots import accepted, status_changed

pytestmark = pytest.mark.integration

STATUS_CHANGED = "clearway.declaration.status_changed.v1"
# A smaller train than the 256 cars, to keep `make test` short: 20 cars, one
# declaration each, every one accepted and then changing status three times.
CARS = 20
STATUSES = [DeclarationStatus.UNDER_CONTROL, DeclarationStatus.RELEASED, DeclarationStatus.EXITED]


async def until(condition: Callable[[], Any], timeout: float = 60) -> None:
    async with asyncio.timeout(timeout):
        while not await _holds(condition):
            await asyncio.sleep(0.1)


async def _holds(condition: Callable[[], Any]) -> bool:
    result = condition()
    return bool(await result) if asyncio.iscoroutine(result) else bool(result)


async def subscribe(client: httpx.AsyncClient, url: str, **fields: Any) -> dict[str, Any]:
    response = await client.post("/v1/webhooks", json={"url": url, **fields})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def verified(secret: str, receiver: Receiver) -> list[dict[str, Any]]:
    """Every received body whose signature the library accepts (it raises otherwise)."""
    return [Webhook(secret).verify(r.body, r.headers) for r in receiver.received]


async def test_a_train_reaches_the_erp_exactly_once_in_order_through_an_outage(
    gateway: Feed, upstream: AsOwners, receiver: Receiver
) -> None:
    created = await subscribe(gateway.silk_road, receiver.url)
    cars = [uuid4() for _ in range(CARS)]
    await upstream.send_all(accepted(car) for car in cars)
    await upstream.send_all(status_changed(car, STATUSES[0]) for car in cars)
    await until(lambda: len(set(receiver.ids())) >= CARS)

    receiver.failing = True  # the ERP's endpoint goes down in the middle of the train
    await upstream.send_all(status_changed(car, STATUSES[1]) for car in cars)
    await until(lambda: receiver.answered.count(503) >= 10)
    receiver.failing, receiver.hanging = False, True  # then answers too late
    await until(lambda: 0 in receiver.answered, timeout=20)
    receiver.hanging = False  # and recovers
    await upstream.send_all(status_changed(car, STATUSES[2]) for car in cars)

    expected = CARS * (1 + len(STATUSES))
    await until(lambda: len(set(receiver.ids())) >= expected, timeout=120)
    feed, _ = await read_all(gateway.silk_road)
    assert len(feed) == expected

    events = verified(created["secret"], receiver)
    unique = {e["id"]: e for e in events}  # dedupe by webhook-id, as the ERP does
    assert [r.headers["webhook-id"] for r in receiver.received] == [e["id"] for e in events]
    assert set(unique) == {e["id"] for e in feed}
    for car in cars:  # each car's events in the feed's order, each once after dedupe
        in_feed = [e["id"] for e in feed if e["subject"] == str(car)]
        first_seen = list(dict.fromkeys(e["id"] for e in events if e["subject"] == str(car)))
        assert first_seen == in_feed
    assert [unique[i] for i in (e["id"] for e in feed)] == [
        {**e, "time": unique[e["id"]]["time"]} for e in feed
    ]

    log = await gateway.silk_road.get(
        f"/v1/webhooks/{created['subscription_id']}/deliveries", params={"limit": 200}
    )
    deliveries = log.json()["items"]
    assert len(deliveries) == expected
    assert all(d["state"] == "delivered" for d in deliveries)
    failures = [a for d in deliveries for a in d["log"] if a["status_code"] != 204]
    assert {a["status_code"] for a in failures} >= {503, None}
    assert any(a["error"] == "timed out" for a in failures)
    assert all(a["latency_ms"] >= 0 for d in deliveries for a in d["log"])


async def test_subscriptions_are_managed_through_the_api(
    gateway: Feed, upstream: AsOwners, receiver: Receiver
) -> None:
    created = await subscribe(gateway.silk_road, receiver.url, event_types=[STATUS_CHANGED])
    path = f"/v1/webhooks/{created['subscription_id']}"
    shown = (await gateway.silk_road.get(path)).json()
    assert "secret" not in shown and shown["state"] == "active"
    assert (await gateway.chongqing.get(path)).status_code == 404  # not theirs
    listed = (await gateway.silk_road.get("/v1/webhooks")).json()
    assert [s["subscription_id"] for s in listed["items"]] == [created["subscription_id"]]

    # Only the types asked for: the accepted event is not sent.
    car = uuid4()
    await upstream.send(accepted(car), status_changed(car, STATUSES[0]))
    await until(lambda: len(receiver.received) == 1)
    assert json.loads(receiver.received[0].body)["type"] == STATUS_CHANGED

    # Rotated: the next delivery verifies with the new secret only.
    rotated = (await gateway.silk_road.post(f"{path}/secret")).json()["secret"]
    assert rotated != created["secret"]
    await upstream.send(status_changed(car, STATUSES[1]))
    await until(lambda: len(receiver.received) == 2)
    latest = receiver.received[-1]
    Webhook(rotated).verify(latest.body, latest.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(created["secret"]).verify(latest.body, latest.headers)

    # Paused: nothing is sent, nothing is lost.
    paused = await gateway.silk_road.patch(path, json={"state": "paused"})
    assert paused.json()["state"] == "paused"
    await upstream.send(status_changed(car, STATUSES[2]))
    await asyncio.sleep(2)
    assert len(receiver.received) == 2
    await gateway.silk_road.patch(path, json={"state": "active"})
    await until(lambda: len(receiver.received) == 3)

    # Manual redelivery: the same event again, with the same webhook-id.
    log = (await gateway.silk_road.get(f"{path}/deliveries")).json()["items"]
    newest = log[0]
    again = await gateway.silk_road.post(f"{path}/deliveries/{newest['delivery_id']}/redelivery")
    assert again.status_code == 202
    await until(lambda: len(receiver.received) == 4)
    assert receiver.ids()[-1] == receiver.ids()[-2] == newest["event_id"]

    assert (await gateway.silk_road.delete(path)).status_code == 200
    assert (await gateway.silk_road.get(path)).status_code == 404


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"url": "ftp://erp.example.com/x"}, "url"),
        (
            {"url": "https://erp.example.com/x", "event_types": ["clearway.nope.v1"]},
            "event_types[0]",
        ),
        ({"url": "https://erp.example.com/x", "colour": "red"}, "colour"),
    ],
)
async def test_a_bad_subscription_is_refused_naming_the_field(
    gateway: Feed, fields: dict[str, Any], at_fault: str
) -> None:
    response = await gateway.silk_road.post("/v1/webhooks", json=fields)
    assert response.status_code == 422, response.text
    assert at_fault in {e["field"] for e in response.json()["errors"]}
    assert (await gateway.silk_road.get("/v1/webhooks")).json()["items"] == []


async def test_a_subscription_failing_too_long_is_disabled_with_a_notice(
    infra: TestInfra, topic_prefix: str, upstream: AsOwners, receiver: Receiver
) -> None:
    settings: Settings = await webhook_settings(
        infra, topic_prefix, webhook_disable_after_seconds=60, webhook_retry_for_seconds=1
    )
    async with FeedServer(settings, await create_other_key(settings)) as gateway:
        created = await subscribe(gateway.silk_road, receiver.url)
        path = f"/v1/webhooks/{created['subscription_id']}"
        receiver.failing = True
        car = uuid4()
        await upstream.send(accepted(car))

        async def disabled() -> bool:
            return bool((await gateway.silk_road.get(path)).json()["state"] == "disabled")

        await until(disabled, timeout=30)
        notice = (await gateway.silk_road.get(path)).json()["disabled_reason"]
        assert "every delivery failed since" in notice and "503" in notice
        [delivery] = (await gateway.silk_road.get(f"{path}/deliveries")).json()["items"]
        assert delivery["state"] == "failed"  # its retry period is over
        assert {a["status_code"] for a in delivery["log"]} == {503}

        receiver.failing = False
        await gateway.silk_road.patch(path, json={"state": "active"})
        await gateway.silk_road.post(f"{path}/deliveries/{delivery['delivery_id']}/redelivery")
        await until(lambda: len(receiver.received) == 1)
        assert UUID(verified(created["secret"], receiver)[0]["subject"]) == car

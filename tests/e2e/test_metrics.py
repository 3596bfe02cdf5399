"""Business metrics, read from /metrics after a declaration went through the red lane."""

from collections.abc import Mapping

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.conftest import System
from tests.e2e.flow import inspected_red_at_horgos, wait_for_status
from tests.support.samples import bodies

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(system: System) -> Samples:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(system.metrics_url)
    assert response.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def series(samples: Samples, name: str) -> list[Mapping[str, str]]:
    return [dict(labels) for (found, labels) in samples if found == name]


async def test_a_red_lane_declaration_is_counted_booked_inspected_and_timed_to_release(
    system: System,
) -> None:
    before = await scrape(system)
    forwarder, inspector = system.forwarder(), system.official("inspector-hrg")
    lodged = await inspected_red_at_horgos(forwarder, inspector, bodies.integrated_used_car())
    await wait_for_status(forwarder, lodged["id"], "released")

    after = await scrape(system)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("clearway_declarations_total", status="accepted", lane="none") >= 1
    assert grew("clearway_declarations_total", status="under_control", lane="red") >= 1
    assert grew("clearway_declarations_total", status="released", lane="red") >= 1
    assert grew("clearway_appointments_booked_total", site="HRG-1") >= 1
    assert grew("clearway_inspections_completed_total", check="inspection", outcome="passed") >= 1
    timed = "clearway_declaration_lodged_to_released_seconds_count"
    assert grew(timed, status="released", lane="red") >= 1
    assert (
        value(
            after,
            "clearway_declaration_lodged_to_released_seconds_sum",
            status="released",
            lane="red",
        )
        > 0
    )

    # The backbone's health: every consuming service (the gateway's statistics too) reports
    # its lag per partition, every relay its backlog.
    # In one test process every test's services count into one registry, so only this
    # system's topics are looked at.
    ours = [
        labels
        for labels in series(after, "clearway_consumer_lag")
        if labels["topic"].startswith(system.topic_prefix)
    ]
    assert {labels["service"] for labels in ours} == {
        "declaration",
        "inspection",
        "release",
        "gateway",
    }
    assert all(labels["partition"].isdigit() for labels in ours)
    relays = {labels["service"] for labels in series(after, "clearway_outbox_pending")}
    assert {"declaration", "inspection", "release"} <= relays
    assert {"declaration", "inspection", "release"} <= {
        labels["service"] for labels in series(after, "clearway_outbox_oldest_pending_seconds")
    }

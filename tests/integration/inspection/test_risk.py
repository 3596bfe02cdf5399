import asyncio
from datetime import UTC, datetime

import pytest

from clearway_contracts.events.declaration import (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationCancelled,
)
from clearway_contracts.events.inspection import LaneAssigned
from clearway_inspection.lanes import service as declarations
from clearway_inspection.risk.models import RuleSet
from clearway_inspection.risk.service import publish_ruleset
from tests.integration.inspection.conftest import (
    ADMIN,
    HRG_OFFICER,
    SILK_ROAD,
    TEST_RULES,
    Inspection,
)
from tests.integration.inspection.events import published
from tests.support.events import AsOwners, EventProbe, of_type
from tests.support.samples.snapshots import snapshot

pytestmark = pytest.mark.integration
NOW = datetime(2026, 3, 2, tzinfo=UTC)


async def test_declaration_events_from_kafka_drive_lanes_checks_and_cancellation(
    inspection: Inspection, upstream: AsOwners
) -> None:
    accepted = snapshot(destination="KZ").model_dump()
    async with EventProbe(inspection.infra.kafka_options(), inspection.inspection_topic) as probe:
        await upstream.send(
            DeclarationAccepted(**accepted),
            DeclarationAmended(  # a new consignee name: the red lane stands, nothing published
                **{
                    **accepted,
                    "revision": 2,
                    "consignee": {"name": "Almaty Cars", "country": "KZ"},
                },
                risk_relevant=False,
                amended_at=NOW,
            ),
            DeclarationAmended(
                **{**accepted, "revision": 3, "destination_country": "UZ"},
                risk_relevant=True,
                amended_at=NOW,
            ),
        )
        events = await probe.wait_for(lambda e: len(of_type(e, LaneAssigned.event_type)) >= 2)

    lanes = [LaneAssigned.model_validate(e.data) for e in of_type(events, LaneAssigned.event_type)]
    assert [(a.revision, a.lane, [r.code for r in a.reasons]) for a in lanes] == [
        (1, "red", ["T-RED"]),
        (3, "yellow", ["T-YEL"]),
    ]
    assert {(a.ruleset_version, a.inspection_office) for a in lanes} == {(1, "8021")}
    checks = (await inspection.http.get("/v1/document-checks", auth=HRG_OFFICER)).json()["items"]
    assert [c["declaration_id"] for c in checks] == [accepted["declaration_id"].__str__()]

    await upstream.send(
        DeclarationCancelled(
            declaration_id=accepted["declaration_id"],
            customs_number=accepted["customs_number"],
            reason="withdrawn",
            cancelled_at=NOW,
        ),
    )
    async with asyncio.timeout(20):
        while (await inspection.http.get("/v1/document-checks", auth=HRG_OFFICER)).json()["items"]:
            await asyncio.sleep(0.1)


async def test_every_decision_is_recorded_with_its_rule_set_version_and_reasons(
    inspection: Inspection,
) -> None:
    declaration = snapshot(destination="KZ")
    await inspection.accept(declaration)
    await inspection.accept(declaration)  # a redelivery decides nothing twice

    response = await inspection.http.get(
        f"/v1/risk/decisions/{declaration.declaration_id}", auth=ADMIN
    )

    assert response.status_code == 200
    [decision] = response.json()["items"]
    assert (decision["revision"], decision["lane"], decision["ruleset_version"]) == (1, "red", 1)
    assert decision["reasons"] == [{"code": "T-RED", "text": "test red"}]
    assert len(await published(inspection, LaneAssigned.event_type)) == 1


async def test_an_admin_publishes_a_new_rule_set_version_that_decides_from_then_on(
    inspection: Inspection,
) -> None:
    all_green = {"rules": [], "random_selection": {"rates": {}}}

    refused = await inspection.http.post("/v1/risk/rulesets", json=all_green, auth=SILK_ROAD)
    response = await inspection.http.post("/v1/risk/rulesets", json=all_green, auth=ADMIN)
    declaration = snapshot(destination="KZ")
    await inspection.accept(declaration)

    assert refused.status_code == 403
    assert response.status_code == 201 and response.json()["version"] == 2
    [lane] = await published(inspection, LaneAssigned.event_type)
    assert (lane["lane"], lane["ruleset_version"], lane["reasons"][0]["code"]) == (
        "green",
        2,
        "NO-RISK",
    )
    previous = await inspection.http.get("/v1/risk/rulesets/1", auth=ADMIN)
    assert previous.json()["ruleset"] == TEST_RULES.model_dump(mode="json")


async def test_a_malformed_rule_set_is_refused_naming_the_field_and_changes_nothing(
    inspection: Inspection,
) -> None:
    bad = {
        "rules": [{"code": "X", "text": "x", "lane": "purple", "when": {"destinations": ["RU"]}}],
        "random_selection": {"rates": {"registered": 2}},
    }

    response = await inspection.http.post("/v1/risk/rulesets", json=bad, auth=ADMIN)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"rules[0].lane", "random_selection.rates.registered"}
    current = await inspection.http.get("/v1/risk/rulesets/current", auth=ADMIN)
    assert current.json()["version"] == 1


async def test_a_transaction_decides_with_the_version_current_when_it_first_asked(
    inspection: Inspection,
) -> None:
    """A consumer's batch is one transaction: its events are decided with one version."""
    all_green = RuleSet.model_validate({"rules": [], "random_selection": {"rates": {}}})
    first, second, third = (snapshot(destination="KZ") for _ in range(3))

    batch = inspection.uow()
    async with batch:
        await declarations.accept(uow=batch, declaration=first, now=NOW)
        await publish_ruleset(uow=inspection.uow(), ruleset=all_green, actor="admin")
        await declarations.accept(uow=batch, declaration=second, now=NOW)
        await batch.commit()
    await inspection.accept(third)  # the next transaction: the new version

    lanes = await published(inspection, LaneAssigned.event_type)
    assert [(lane["lane"], lane["ruleset_version"]) for lane in lanes] == [
        ("red", 1),
        ("red", 1),
        ("green", 2),
    ]

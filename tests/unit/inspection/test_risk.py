import json
from decimal import Decimal
from importlib.resources import files
from uuid import UUID

import pytest
from pydantic import ValidationError

from clearway_contracts.events.common import AeoLevel, Declarant, Lane, PowerType, VehicleCondition
from clearway_inspection.risk.models import RuleSet, assess, draw
from tests.support.samples.snapshots import CHONGQING_RAIL, car, snapshot

NO_RANDOM = {"rates": {"advanced_certified": 0, "registered": 0, "dishonest": 0}}


def default_rules(**random_selection: object) -> RuleSet:
    document = json.loads(
        files("clearway_inspection.risk").joinpath("default_ruleset.json").read_text()
    )
    document["random_selection"] = random_selection or NO_RANDOM
    return RuleSet.model_validate(document)


def codes(decision: object) -> list[str]:
    return [reason.code for reason in decision.reasons]  # type: ignore[attr-defined]


def test_a_new_petrol_car_to_kazakhstan_goes_green_saying_why() -> None:
    decision = assess(snapshot(), default_rules(), version=3)

    assert decision.lane is Lane.GREEN
    assert codes(decision) == ["NO-RISK"]
    assert decision.ruleset_version == 3


def test_battery_vehicles_are_dangerous_goods_for_a_document_check() -> None:
    decision = assess(snapshot(items=[car(power=PowerType.BEV)]), default_rules(), version=1)

    assert decision.lane is Lane.YELLOW
    assert codes(decision) == ["DG-BATTERY-VEHICLE"]


def test_the_strictest_lane_wins_and_every_matching_rule_is_a_reason() -> None:
    items = [car(1, power=PowerType.BEV), car(2, condition=VehicleCondition.USED)]

    decision = assess(snapshot(items=items), default_rules(), version=1)

    assert decision.lane is Lane.RED
    assert codes(decision) == ["DG-BATTERY-VEHICLE", "USED-VEHICLE"]


def test_item_conditions_must_hold_for_one_and_the_same_item() -> None:
    # LOW-UNIT-VALUE-CAR needs a new car under 5,000: a cheap used car and a dear new one don't.
    items = [car(1, condition=VehicleCondition.USED, value="3000"), car(2, value="30000")]

    decision = assess(snapshot(items=items), default_rules(), version=1)

    assert "LOW-UNIT-VALUE-CAR" not in codes(decision)
    assert "LOW-UNIT-VALUE-CAR" in codes(
        assess(snapshot(items=[car(value="3000")]), default_rules(), version=1)
    )


def test_destination_and_declarant_conditions() -> None:
    assert codes(assess(snapshot(destination="GE"), default_rules(), version=1)) == [
        "RE-EXPORT-HUB"
    ]
    dishonest = Declarant(customs_code="1234567890", name="X", aeo_level=AeoLevel.DISHONEST)
    decision = assess(snapshot(declarant=dishonest), default_rules(), version=1)
    assert (decision.lane, codes(decision)) == (Lane.RED, ["DISHONEST-ENTERPRISE"])


def test_random_selection_is_reproducible_from_declaration_revision_and_version() -> None:
    declaration_id = UUID("00000000-0000-4000-8000-000000000001")
    assert draw(declaration_id, 1, 7) == draw(declaration_id, 1, 7)
    assert draw(declaration_id, 1, 7) != draw(declaration_id, 2, 7)
    assert draw(declaration_id, 1, 7) != draw(declaration_id, 1, 8)


def test_random_selection_rates_follow_the_aeo_level() -> None:
    rules = default_rules(rates={"advanced_certified": "0.005", "registered": "0.03"})
    picked = {AeoLevel.ADVANCED_CERTIFIED: 0, AeoLevel.REGISTERED: 0}
    for n in range(4000):
        declaration_id = UUID(int=n)
        for declarant in (snapshot().declarant, CHONGQING_RAIL):
            decision = assess(
                snapshot(declaration_id=declaration_id, declarant=declarant), rules, version=1
            )
            if "RANDOM-SELECTION" in codes(decision):
                assert decision.lane is Lane.RED
                picked[declarant.aeo_level] += 1
    assert 5 <= picked[AeoLevel.ADVANCED_CERTIFIED] <= 40  # about 20
    assert 80 <= picked[AeoLevel.REGISTERED] <= 160  # about 120


def test_an_enterprise_policy_replaces_its_aeo_rate() -> None:
    rules = default_rules(rates={"registered": 0}, enterprise_rates={"5001987654": 1})

    decision = assess(snapshot(declarant=CHONGQING_RAIL), rules, version=1)

    assert (decision.lane, codes(decision)) == (Lane.RED, ["RANDOM-SELECTION"])
    assert rules.random_selection.rate_for("6501234567", AeoLevel.REGISTERED) == Decimal(0)


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"code": "X", "text": "x", "lane": "red", "when": {}}, "when"),
        ({"code": "X", "text": "x", "lane": "purple", "when": {"destinations": ["RU"]}}, "lane"),
        ({"code": "X", "text": "x", "lane": "red", "when": {"colour": "blue"}}, "colour"),
    ],
)
def test_a_malformed_rule_is_refused_naming_the_field(rule: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        RuleSet.model_validate({"rules": [rule], "random_selection": NO_RANDOM})
    assert field in str(error.value)

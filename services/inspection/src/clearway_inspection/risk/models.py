"""Risk assessment as data: a rule set decides a declaration's lane, with its reasons.

A rule matches when every condition it names holds. Item conditions (HS code, power, new or
used, dangerous goods as the declaration service flagged them, value per unit, origin) must
all hold for one and the same item; declaration conditions (destination, declarant, AEO
level, transport, mode) for the whole.
The strictest lane among the matching rules wins. Random selection is a hash of the
declaration id, its revision and the rule-set version, so an auditor replays it exactly.
"""

import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from clearway_contracts.events.common import (
    AeoLevel,
    ClearanceMode,
    DeclarationSnapshot,
    Item,
    Lane,
    PowerType,
    Reason,
    TransportMode,
    VehicleCondition,
)
from clearway_contracts.input_policy import RequestModel

SEVERITY = {Lane.GREEN: 0, Lane.YELLOW: 1, Lane.RED: 2}
Rate = Annotated[Decimal, Field(ge=0, le=1)]


class _Strict(RequestModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    hs_prefixes: list[Annotated[str, Field(pattern=r"^[0-9]{2,10}$")]] | None = None
    power: list[PowerType] | None = None
    condition: VehicleCondition | None = None
    dangerous_goods: bool | None = None
    unit_value_below: Decimal | None = None
    unit_value_above: Decimal | None = None
    origin_countries: list[str] | None = None
    destinations: list[str] | None = None
    declarants: list[str] | None = None
    aeo_levels: list[AeoLevel] | None = None
    transport_modes: list[TransportMode] | None = None
    clearance_modes: list[ClearanceMode] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> "Condition":
        if not self.model_fields_set:
            raise ValueError("a condition needs at least one test")
        return self

    def holds_for(self, declaration: DeclarationSnapshot) -> bool:
        return self._holds_for_declaration(declaration) and (
            not self._tests_items() or any(self._holds_for_item(i) for i in declaration.items)
        )

    def _holds_for_declaration(self, d: DeclarationSnapshot) -> bool:
        return (
            _within(self.destinations, d.destination_country)
            and _within(self.declarants, d.declarant.customs_code)
            and _within(self.aeo_levels, d.declarant.aeo_level)
            and _within(self.transport_modes, d.transport.mode)
            and _within(self.clearance_modes, d.routing.mode)
        )

    def _tests_items(self) -> bool:
        item_tests = {
            "hs_prefixes",
            "power",
            "condition",
            "dangerous_goods",
            "unit_value_below",
            "unit_value_above",
            "origin_countries",
        }
        return bool(item_tests & self.model_fields_set)

    def _holds_for_item(self, item: Item) -> bool:
        vehicle = item.vehicle
        unit_value = item.value / item.quantity if item.quantity else item.value
        return (
            (self.hs_prefixes is None or item.hs_code.startswith(tuple(self.hs_prefixes)))
            and (self.power is None or (vehicle is not None and vehicle.power in self.power))
            and (
                self.condition is None
                or (vehicle is not None and vehicle.condition == self.condition)
            )
            and (self.dangerous_goods is None or item.dangerous_goods == self.dangerous_goods)
            and (self.unit_value_below is None or unit_value < self.unit_value_below)
            and (self.unit_value_above is None or unit_value > self.unit_value_above)
            and _within(self.origin_countries, item.origin_country)
        )


class Rule(_Strict):
    code: str = Field(min_length=1, max_length=64)
    text: str = Field(min_length=1)
    lane: Lane
    when: Condition

    @property
    def reason(self) -> Reason:
        return Reason(code=self.code, text=self.text)


class RandomSelection(_Strict):
    """Share of declarations picked at random, per AEO level, and the lane they get."""

    rates: dict[AeoLevel, Rate]
    lane: Lane = Lane.RED
    # "One enterprise, one policy": a declarant's own rate replaces its AEO level's.
    enterprise_rates: dict[str, Rate] = {}

    def rate_for(self, declarant: str, aeo_level: AeoLevel) -> Decimal:
        if declarant in self.enterprise_rates:
            return self.enterprise_rates[declarant]
        return self.rates.get(aeo_level, Decimal(0))


class RuleSet(_Strict):
    description: str = ""
    rules: list[Rule]
    random_selection: RandomSelection

    @model_validator(mode="after")
    def _unique_codes(self) -> "RuleSet":
        codes = [rule.code for rule in self.rules]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"rule codes must be unique: {', '.join(duplicates)}")
        return self


class LaneDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    lane: Lane
    reasons: list[Reason]
    ruleset_version: int


NO_RISK = Reason(code="NO-RISK", text="no rule matched and not randomly selected")


def assess(declaration: DeclarationSnapshot, ruleset: RuleSet, *, version: int) -> LaneDecision:
    matched = [rule for rule in ruleset.rules if rule.when.holds_for(declaration)]
    reasons = [rule.reason for rule in matched]
    lanes = [rule.lane for rule in matched]
    selection = ruleset.random_selection
    rate = selection.rate_for(declaration.declarant.customs_code, declaration.declarant.aeo_level)
    if draw(declaration.declaration_id, declaration.revision, version) < rate:
        lanes.append(selection.lane)
        reasons.append(Reason(code="RANDOM-SELECTION", text=f"selected at random (rate {rate:%})"))
    if not lanes:
        return LaneDecision(lane=Lane.GREEN, reasons=[NO_RISK], ruleset_version=version)
    lane = max(lanes, key=SEVERITY.__getitem__)
    return LaneDecision(lane=lane, reasons=reasons, ruleset_version=version)


def draw(declaration_id: UUID, revision: int, ruleset_version: int) -> Decimal:
    """A number in [0, 1) fixed by its inputs: the reproducible random selection."""
    digest = hashlib.sha256(f"{declaration_id}:{revision}:{ruleset_version}".encode()).digest()
    return Decimal(int.from_bytes(digest[:8], "big")) / Decimal(2**64)


def _within(allowed: Sequence[str] | None, value: str) -> bool:
    return allowed is None or value in allowed

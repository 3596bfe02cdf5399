"""The declaration and inspection services' events, as the release service gets them."""

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from clearway_contracts.events.common import (
    AeoLevel,
    ClearanceMode,
    Declarant,
    DeclarationStatus,
    Item,
    Lane,
    Outcome,
    Party,
    PowerType,
    Reason,
    RoutingPlan,
    TransitTerms,
    Transport,
    TransportMode,
    Vehicle,
    VehicleCondition,
)
from clearway_contracts.events.declaration import (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationCancelled,
    DeclarationStatusChanged,
)
from clearway_contracts.events.inspection import InspectionCompleted, LaneAssigned

DECLARANT = "6501234567"
VINS = ["LSGKB54E8PS012345", "LSGKB54E8PS012346"]
NOW = datetime.now(UTC)
LOCAL = RoutingPlan(
    mode=ClearanceMode.LOCAL,
    declaring_office="8021",
    inspection_office="8021",
    release_office="8021",
    exit_office="8021",
)
DIRECT_TRANSFER = RoutingPlan(
    mode=ClearanceMode.DIRECT_TRANSFER,
    declaring_office="8601",
    inspection_office="8601",
    release_office="8601",
    exit_office="8021",
    departure_office="8601",
)


def accepted(declaration_id: UUID, *, routing: RoutingPlan = LOCAL) -> DeclarationAccepted:
    transfer = routing.mode is ClearanceMode.DIRECT_TRANSFER
    return DeclarationAccepted(
        declaration_id=declaration_id,
        customs_number="802120260000000042",
        revision=1,
        declarant=Declarant(
            customs_code=DECLARANT,
            name="Silk Road Auto Export Co.",
            aeo_level=AeoLevel.ADVANCED_CERTIFIED,
        ),
        exporter=Party(name="Silk Road Auto Export Co.", country="CN"),
        consignee=Party(name="Almaty Motors LLP", country="KZ"),
        destination_country="KZ",
        routing=routing,
        transport=Transport(mode=TransportMode.RAIL_CAR_CARRIER, means_id="X8017"),
        transit=TransitTerms(
            seals=["CN8601-0001"], time_limit_hours=72, route="Chongqing - Horgos", carrier="CRCT"
        )
        if transfer
        else None,
        items=[_car(line, vin) for line, vin in enumerate(VINS, start=1)],
        accepted_at=NOW,
    )


def amended(
    declaration_id: UUID, *, revision: int = 2, risk_relevant: bool = True
) -> DeclarationAmended:
    """The declaration as amended to ``revision`` (the same content, for these tests)."""
    return DeclarationAmended(
        **accepted(declaration_id).model_dump(exclude={"revision"}),
        revision=revision,
        risk_relevant=risk_relevant,
        amended_at=NOW,
    )


def status_changed(
    declaration_id: UUID, status: DeclarationStatus, *, revision: int = 1
) -> DeclarationStatusChanged:
    """The declaration service recorded ``status`` for ``revision``: what puts a decision in
    force."""
    return DeclarationStatusChanged(
        declaration_id=declaration_id,
        customs_number="802120260000000042",
        revision=revision,
        previous_status=DeclarationStatus.ACCEPTED,
        status=status,
        cause="test",
        changed_at=NOW,
    )


def lane(declaration_id: UUID, colour: Lane = Lane.GREEN, *, revision: int = 1) -> LaneAssigned:
    return LaneAssigned(
        declaration_id=declaration_id,
        revision=revision,
        lane=colour,
        reasons=[],
        ruleset_version=1,
        inspection_office="8021",
        assigned_at=NOW,
    )


def inspected(declaration_id: UUID, outcome: Outcome, *, revision: int = 1) -> InspectionCompleted:
    return InspectionCompleted(
        declaration_id=declaration_id,
        revision=revision,
        site_id="HRG-1",
        outcome=outcome,
        reasons=[Reason(code="VIN_MISMATCH", text="VIN plate differs")]
        if outcome is Outcome.FAILED
        else [],
        inspector="inspector-hrg",
        vehicles_inspected=len(VINS),
        completed_at=NOW,
    )


def cancelled(declaration_id: UUID) -> DeclarationCancelled:
    return DeclarationCancelled(
        declaration_id=declaration_id,
        customs_number="802120260000000042",
        reason="buyer withdrew",
        cancelled_at=NOW,
    )


def _car(line: int, vin: str) -> Item:
    return Item(
        line=line,
        hs_code="8703800010",
        description="battery electric passenger car",
        quantity=Decimal(1),
        unit="unit",
        value=Decimal("21000"),
        currency="USD",
        origin_country="CN",
        dangerous_goods=True,
        vehicle=Vehicle(
            vin=vin, make="BYD", model="Atto 3", power=PowerType.BEV, condition=VehicleCondition.NEW
        ),
    )

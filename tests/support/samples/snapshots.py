"""Declarations as the declaration service publishes them, and the events the declaration and
inspection services publish about them: what the inspection and release services consume."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from clearway_contracts.events.common import (
    AeoLevel,
    ClearanceMode,
    Declarant,
    DeclarationSnapshot,
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

SILK_ROAD = Declarant(
    customs_code="6501234567",
    name="Silk Road Auto Export Co.",
    aeo_level=AeoLevel.ADVANCED_CERTIFIED,
)
CHONGQING_RAIL = Declarant(
    customs_code="5001987654",
    name="Chongqing Rail Motors Trading",
    aeo_level=AeoLevel.REGISTERED,
)
NOW = datetime.now(UTC)
CUSTOMS_NUMBER = "802120260000000042"
VINS = ["LSGKB54E8PS012345", "LSGKB54E8PS012346"]


def routing(mode: ClearanceMode = ClearanceMode.LOCAL, *, office: str = "8021") -> RoutingPlan:
    """Local at ``office``, or a direct transfer from Chongqing (8601) to ``office``."""
    if mode is ClearanceMode.DIRECT_TRANSFER:
        return RoutingPlan(
            mode=mode,
            declaring_office="8601",
            inspection_office="8601",
            release_office="8601",
            exit_office=office,
            departure_office="8601",
        )
    return RoutingPlan(
        mode=mode,
        declaring_office=office,
        inspection_office=office,
        release_office=office,
        exit_office=office,
    )


LOCAL = routing()
DIRECT_TRANSFER = routing(ClearanceMode.DIRECT_TRANSFER)


def car(
    line: int = 1,
    *,
    vin: str = "LSVAU2180N2183294",
    power: PowerType = PowerType.PETROL,
    condition: VehicleCondition = VehicleCondition.NEW,
    value: str = "18000",
    plate: str | None = None,
    hs_code: str = "870323",
    make: str = "Chery",
    model: str = "Tiggo 7",
) -> Item:
    """A car line as the declaration service accepted it: dangerous goods flagged."""
    return Item(
        line=line,
        hs_code=hs_code,
        description="passenger car",
        quantity=Decimal(1),
        unit="unit",
        value=Decimal(value),
        currency="USD",
        origin_country="CN",
        dangerous_goods=power in (PowerType.BEV, PowerType.PHEV, PowerType.FCEV),
        vehicle=Vehicle(
            vin=vin, make=make, model=model, power=power, condition=condition, plate=plate
        ),
    )


def snapshot(
    *,
    items: list[Item] | None = None,
    declarant: Declarant = SILK_ROAD,
    destination: str = "KZ",
    inspection_office: str = "8021",
    declaration_id: UUID | None = None,
    revision: int = 1,
    customs_number: str | None = None,
    **overrides: Any,
) -> DeclarationSnapshot:
    fields: dict[str, Any] = {
        "declaration_id": declaration_id or uuid4(),
        "customs_number": customs_number or f"80212026{uuid4().int % 10**10:010d}",
        "revision": revision,
        "declarant": declarant,
        "exporter": Party(name=declarant.name, country="CN"),
        "consignee": Party(name="Astana Motors LLP", country=destination),
        "destination_country": destination,
        "routing": routing(office=inspection_office),
        "transport": Transport(mode=TransportMode.ROAD_CAR_CARRIER, means_id="新A12345"),
        "items": items if items is not None else [car()],
        "accepted_at": datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
    }
    return DeclarationSnapshot(**(fields | overrides))


def train(declaration_id: UUID, *, plan: RoutingPlan = LOCAL) -> DeclarationSnapshot:
    """Two battery-electric cars on a car-carrier wagon; sealed when a direct transfer."""
    transfer = plan.mode is ClearanceMode.DIRECT_TRANSFER
    return snapshot(
        declaration_id=declaration_id,
        customs_number=CUSTOMS_NUMBER,
        routing=plan,
        transport=Transport(mode=TransportMode.RAIL_CAR_CARRIER, means_id="X8017"),
        transit=TransitTerms(
            seals=["CN8601-0001"], time_limit_hours=72, route="Chongqing - Horgos", carrier="CRCT"
        )
        if transfer
        else None,
        items=[
            car(line, vin=vin, power=PowerType.BEV, hs_code="8703800010", make="BYD", value="21000")
            for line, vin in enumerate(VINS, start=1)
        ],
        consignee=Party(name="Almaty Motors LLP", country="KZ"),
        accepted_at=NOW,
    )


def accepted(declaration_id: UUID, *, routing: RoutingPlan = LOCAL) -> DeclarationAccepted:
    return DeclarationAccepted(**train(declaration_id, plan=routing).model_dump())


def amended(
    declaration_id: UUID, *, revision: int = 2, risk_relevant: bool = True
) -> DeclarationAmended:
    """The declaration as amended to ``revision`` (the same content, for these tests)."""
    return DeclarationAmended(
        **train(declaration_id).model_dump(exclude={"revision"}),
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
        customs_number=CUSTOMS_NUMBER,
        revision=revision,
        previous_status=DeclarationStatus.ACCEPTED,
        status=status,
        cause="test",
        changed_at=NOW,
    )


def cancelled(declaration_id: UUID) -> DeclarationCancelled:
    return DeclarationCancelled(
        declaration_id=declaration_id,
        customs_number=CUSTOMS_NUMBER,
        reason="buyer withdrew",
        cancelled_at=NOW,
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

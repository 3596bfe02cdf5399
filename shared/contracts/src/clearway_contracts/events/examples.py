"""One worked example of every event type, for the AsyncAPI document.

They tell one story, so that a reader can follow an id from event to event: a BYD Atto 3 lodged
at Horgos (8021) for local clearance, sent to the red lane, booked, inspected and released, and
a car-carrier train from Chongqing (8601) released for transit to Horgos. Built as the typed
models, so an example that no longer fits its event fails the tests, not a reader.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from clearway_contracts.events import declaration as d
from clearway_contracts.events import inspection as i
from clearway_contracts.events import release as r
from clearway_contracts.events.base import EventPayload
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
    Transport,
    TransportMode,
    Vehicle,
    VehicleCondition,
)

CAR = UUID("0b9a3f1e-3f43-4c1b-9a57-2d7f0f6b7a11")
TRAIN = UUID("7c1d9e3a-5b2f-4a8c-9e6d-0f1a3b5c7d92")
APPOINTMENT = UUID("5f0c2b9e-8d1a-4e37-b6c4-1a2b3c4d5e6f")
VIN = "LGXCE6CB5P0000018"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


_SNAPSHOT = DeclarationSnapshot(
    declaration_id=CAR,
    customs_number="802120260000000001",
    revision=1,
    declarant=Declarant(
        customs_code="6501234567",
        name="Silk Road Auto Export Co.",
        aeo_level=AeoLevel.ADVANCED_CERTIFIED,
    ),
    exporter=Party(name="Silk Road Auto Export Co.", country="CN", code="6501234567"),
    consignee=Party(name="Almaty Motors LLP", country="KZ"),
    destination_country="KZ",
    routing=RoutingPlan(
        mode=ClearanceMode.LOCAL,
        declaring_office="8021",
        inspection_office="8021",
        release_office="8021",
        exit_office="8021",
    ),
    transport=Transport(mode=TransportMode.ROAD_SELF_DRIVE, means_id="新F·A1234"),
    items=[
        Item(
            line=1,
            hs_code="8703800090",
            description="BYD Atto 3 battery electric passenger car",
            quantity=Decimal("1"),
            unit="PCE",
            value=Decimal("18500.00"),
            currency="USD",
            origin_country="CN",
            dangerous_goods=True,
            vehicle=Vehicle(
                vin=VIN,
                make="BYD",
                model="Atto 3",
                power=PowerType.BEV,
                condition=VehicleCondition.NEW,
            ),
        )
    ],
    accepted_at=at(1, 9, 15),
)
_RED = Reason(code="RANDOM", text="selected at random for inspection (rule set 3)")
_SLOT = {"appointment_id": APPOINTMENT, "site_id": "HRG-1"}
_SLOT_TIMES = {"slot_start": at(2, 10), "slot_end": at(2, 10, 30)}
_USED = Vehicle(
    vin=VIN,
    make="BYD",
    model="Atto 3",
    power=PowerType.BEV,
    condition=VehicleCondition.USED,
    deregistration_certificate="XJ-DR-2026-0042",
    export_licence="2026-EX-650100-0042",
    first_registration=date(2024, 5, 20),
    odometer_km=12840,
)

EXAMPLES: tuple[EventPayload, ...] = (
    d.DeclarationAccepted(**_SNAPSHOT.model_dump()),
    d.DeclarationAmended(
        **_SNAPSHOT.model_copy(
            update={
                "revision": 2,
                "items": [_SNAPSHOT.items[0].model_copy(update={"vehicle": _USED})],
            }
        ).model_dump(),
        risk_relevant=True,
        amended_at=at(1, 9, 40),
    ),
    d.DeclarationCancelled(
        declaration_id=CAR,
        customs_number="802120260000000001",
        reason="the buyer withdrew the order",
        cancelled_at=at(1, 11),
    ),
    d.DeclarationStatusChanged(
        declaration_id=CAR,
        customs_number="802120260000000001",
        revision=1,
        previous_status=DeclarationStatus.UNDER_CONTROL,
        status=DeclarationStatus.RELEASED,
        cause="6c2e8a1f-4b7d-4e9a-8f3c-2d1e0b9a8c7d",
        changed_at=at(2, 10, 45),
    ),
    i.LaneAssigned(
        declaration_id=CAR,
        revision=1,
        lane=Lane.RED,
        reasons=[_RED],
        ruleset_version=3,
        inspection_office="8021",
        assigned_at=at(1, 9, 16),
    ),
    i.DocumentCheckCompleted(
        declaration_id=CAR,
        revision=1,
        outcome=Outcome.PASSED,
        reasons=[Reason(code="PAPERS_COMPLETE", text="licence and certificate match the VIN")],
        officer="officer-hrg",
        completed_at=at(1, 10),
    ),
    i.AppointmentBooked(declaration_id=CAR, **_SLOT, **_SLOT_TIMES),
    i.AppointmentRescheduled(
        declaration_id=CAR, **_SLOT, slot_start=at(2, 14), slot_end=at(2, 14, 30)
    ),
    i.AppointmentCancelled(declaration_id=CAR, **_SLOT, **_SLOT_TIMES),
    i.AppointmentMissed(declaration_id=CAR, **_SLOT, **_SLOT_TIMES),
    i.VehicleArrived(
        declaration_id=CAR,
        site_id="HRG-1",
        appointment_id=APPOINTMENT,
        arrived_at=at(2, 9, 55),
        checked_in_by="inspector-hrg",
    ),
    i.InspectionCompleted(
        declaration_id=CAR,
        revision=1,
        site_id="HRG-1",
        outcome=Outcome.PASSED,
        reasons=[],
        inspector="inspector-hrg",
        vehicles_inspected=1,
        completed_at=at(2, 10, 40),
    ),
    r.Released(
        declaration_id=CAR,
        revision=1,
        release_number="R802120260000000001",
        office="8021",
        released_at=at(2, 10, 41),
    ),
    r.ReleasedForTransit(
        declaration_id=TRAIN,
        revision=1,
        release_number="R860120260000000042",
        office="8601",
        released_at=at(2, 8),
        transit=r.TransitRecord(
            departure_office="8601",
            exit_office="8021",
            seals=["CQ-000123", "CQ-000124"],
            carrier="China Railway Container Transport",
            means_id="X8017",
            route="Chongqing Tuanjiecun - Horgos",
            deadline=at(6, 8),
        ),
    ),
    r.ReleaseRefused(
        declaration_id=CAR,
        revision=1,
        office="8021",
        reasons=[
            Reason(code="INSPECTION_FAILED", text="the VIN on the car is not the declared one")
        ],
        refused_at=at(2, 10, 41),
    ),
    r.ReleaseWithdrawn(
        declaration_id=CAR,
        revision=1,
        release_number="R802120260000000001",
        reason=Reason(code="AMENDED", text="revision 2 was recorded before the release"),
        withdrawn_at=at(1, 9, 41),
    ),
    r.TransitArrived(
        declaration_id=TRAIN,
        revision=1,
        office="8021",
        arrived_at=at(5, 9, 40),
        seals_intact=False,
        held=True,
        remarks="seal CQ-000124 broken on wagon 3",
    ),
    r.HoldDecided(
        declaration_id=TRAIN,
        revision=1,
        office="8021",
        released=True,
        remarks="the seal broke in shunting; the wagon's vehicles match the declaration",
        officer="officer-hrg",
        decided_at=at(5, 10, 20),
    ),
    r.TransitOverdue(declaration_id=TRAIN, deadline=at(6, 8), detected_at=at(6, 8, 1)),
    r.ExitConfirmed(
        declaration_id=CAR,
        revision=1,
        office="8021",
        vins=[VIN],
        complete=True,
        exited_at=at(2, 11, 30),
    ),
)

"""Inspection and release events move a declaration along its lifecycle, once, in any order."""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx

from clearway_contracts.events.common import Lane, Outcome, Reason
from clearway_contracts.events.inspection import (
    AppointmentBooked,
    InspectionCompleted,
    LaneAssigned,
    VehicleArrived,
)
from clearway_contracts.events.release import (
    ExitConfirmed,
    HoldDecided,
    Released,
    ReleasedForTransit,
    TransitArrived,
    TransitOverdue,
    TransitRecord,
)
from tests.support.events import AsOwners
from tests.support.samples.bodies import declaration

# When the other services decide: after the declarations these tests lodge, as in life (a
# timeline reads in time order, so an event stamped before the lodging would be listed first).
NOW = datetime.now(UTC) + timedelta(minutes=10)


async def lodge(api: httpx.AsyncClient, **options: Any) -> tuple[UUID, dict[str, Any]]:
    created = (await api.post("/v1/declarations", json=declaration(**options))).json()
    return UUID(created["id"]), created


async def until(
    api: httpx.AsyncClient, declaration_id: UUID, done: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """Read the declaration until ``done`` holds (the consumer works in the background)."""
    async with asyncio.timeout(30):
        while True:
            found: dict[str, Any] = (await api.get(f"/v1/declarations/{declaration_id}")).json()
            if done(found):
                return found
            await asyncio.sleep(0.1)


def lane(declaration_id: UUID, colour: Lane) -> LaneAssigned:
    return LaneAssigned(
        declaration_id=declaration_id,
        revision=1,
        lane=colour,
        reasons=[Reason(code="R-NEV-01", text="battery-powered vehicle: dangerous goods")],
        ruleset_version=3,
        inspection_office="8021",
        assigned_at=NOW,
    )


def released(declaration_id: UUID) -> Released:
    return Released(
        declaration_id=declaration_id,
        revision=1,
        release_number="R8021-1",
        office="8021",
        released_at=NOW,
    )


async def test_red_lane_inspection_release_and_exit_are_shown(
    api: httpx.AsyncClient, upstream: AsOwners
) -> None:
    declaration_id, created = await lodge(api)
    vin = created["items"][0]["vehicle"]["vin"]
    appointment = uuid4()
    await upstream.send(
        lane(declaration_id, Lane.RED),
        AppointmentBooked(
            declaration_id=declaration_id,
            appointment_id=appointment,
            site_id="HRG-1",
            slot_start=NOW + timedelta(hours=30),
            slot_end=NOW + timedelta(hours=30, minutes=30),
        ),
        VehicleArrived(
            declaration_id=declaration_id,
            site_id="HRG-1",
            appointment_id=appointment,
            arrived_at=NOW,
            checked_in_by="inspector-hrg",
        ),
        InspectionCompleted(
            declaration_id=declaration_id,
            revision=1,
            site_id="HRG-1",
            outcome=Outcome.PASSED,
            reasons=[],
            inspector="inspector-hrg",
            vehicles_inspected=1,
            completed_at=NOW,
        ),
    )
    controlled = await until(api, declaration_id, lambda d: d["progress"]["inspection"] is not None)
    assert controlled["status"] == "under_control"
    assert controlled["progress"]["lane"]["reasons"][0]["code"] == "R-NEV-01"
    assert controlled["progress"]["appointment"]["state"] == "booked"

    await upstream.send(
        released(declaration_id),
        ExitConfirmed(
            declaration_id=declaration_id,
            revision=1,
            office="8021",
            vins=[vin],
            complete=True,
            exited_at=NOW,
        ),
    )
    exited = await until(api, declaration_id, lambda d: d["status"] == "exited")
    assert exited["progress"]["release"]["release_number"] == "R8021-1"
    assert [entry["status"] for entry in exited["timeline"]] == [
        "accepted",
        "under_control",
        "under_control",
        "under_control",
        "under_control",
        "released",
        "exited",
    ]
    # The vehicle left: it may be declared again.
    again = await api.post("/v1/declarations", json=declaration(vins=[vin]))
    assert again.status_code == 201


async def test_a_release_before_its_lane_event_reaches_the_same_state(
    api: httpx.AsyncClient, upstream: AsOwners
) -> None:
    declaration_id, _ = await lodge(api)
    await upstream.send(released(declaration_id))
    await until(api, declaration_id, lambda d: d["status"] == "released")
    await upstream.send(lane(declaration_id, Lane.YELLOW))
    final = await until(api, declaration_id, lambda d: d["progress"]["lane"] is not None)
    assert final["status"] == "released"
    assert final["progress"]["lane"]["lane"] == "yellow"


async def test_an_illegal_transition_is_recorded_and_the_consumer_goes_on(
    api: httpx.AsyncClient, upstream: AsOwners
) -> None:
    declaration_id, _ = await lodge(api)  # a local declaration: no transit
    await upstream.send(
        TransitArrived(
            declaration_id=declaration_id,
            revision=1,
            office="8021",
            arrived_at=NOW,
            seals_intact=True,
            held=False,
        ),
        released(declaration_id),
    )
    found = await until(api, declaration_id, lambda d: d["status"] == "released")
    refused = [entry for entry in found["timeline"] if entry["refused"]]
    assert [(entry["kind"], entry["status"]) for entry in refused] == [
        ("arrived_at_exit", "accepted")
    ]
    assert "not allowed" in refused[0]["detail"]


async def test_a_direct_transfer_travels_under_seal_to_the_exit_port(
    api: httpx.AsyncClient, upstream: AsOwners
) -> None:
    declaration_id, _ = await lodge(api, mode="direct_transfer")
    deadline = NOW + timedelta(hours=96)
    transit = TransitRecord(
        departure_office="8601",
        exit_office="8021",
        seals=["CN8601-000123"],
        carrier="China Railway Container Transport",
        means_id="X8052",
        route="Chongqing - Horgos",
        deadline=deadline,
    )
    await upstream.send(
        lane(declaration_id, Lane.GREEN),
        ReleasedForTransit(
            declaration_id=declaration_id,
            revision=1,
            release_number="R8601-7",
            office="8601",
            released_at=NOW,
            transit=transit,
        ),
        TransitOverdue(declaration_id=declaration_id, deadline=deadline, detected_at=NOW),
        TransitArrived(
            declaration_id=declaration_id,
            revision=1,
            office="8021",
            arrived_at=NOW,
            seals_intact=False,
            held=True,
            remarks="seal CN8601-000123 cut",
        ),
    )
    held = await until(api, declaration_id, lambda d: d["status"] == "held")
    assert held["progress"]["release"]["transit"]["deadline"] is not None
    assert held["progress"]["transit_overdue"] is not None
    assert held["progress"]["exit_arrival"]["remarks"] == "seal CN8601-000123 cut"

    await upstream.send(
        HoldDecided(
            declaration_id=declaration_id,
            revision=1,
            office="8021",
            released=True,
            remarks="goods match; resealed",
            officer="officer-hrg",
            decided_at=NOW,
        ),
        ExitConfirmed(
            declaration_id=declaration_id,
            revision=1,
            office="8021",
            vins=[],
            complete=True,
            exited_at=NOW,
        ),
    )
    exited = await until(api, declaration_id, lambda d: d["status"] == "exited")
    assert [entry["status"] for entry in exited["timeline"]] == [
        "accepted",
        "accepted",
        "released_for_transit",
        "transit_overdue",
        "held",
        "arrived_at_exit",
        "exited",
    ]

"""An inspection passes only when it happened, for the revision it names; nothing re-opens
inspection work on a declaration that is finished."""

from typing import Any

import httpx

from clearway_contracts.events.common import DeclarationSnapshot, DeclarationStatus
from clearway_contracts.events.inspection import InspectionCompleted
from clearway_inspection.lanes import service as declarations
from tests.integration.inspection.conftest import HRG_INSPECTOR, HRG_OFFICER, SILK_ROAD, Inspection
from tests.integration.inspection.events import published
from tests.support.samples.snapshots import car, snapshot

VINS = ["LSVAU2180N3000001", "LSVAU2180N3000002", "LSVAU2180N3000003"]


async def red_lane(inspection: Inspection) -> tuple[DeclarationSnapshot, str]:
    """A three-car red-lane declaration, checked in and claimed by the Horgos inspector."""
    declaration = snapshot(destination="KZ", items=[car(n, vin=v) for n, v in enumerate(VINS, 1)])
    await inspection.accept(declaration)
    arrived = await inspection.http.post(
        "/v1/sites/HRG-1/arrivals",
        json={"reference": declaration.customs_number},
        auth=HRG_OFFICER,
    )
    base = f"/v1/tablet/inspections/{arrived.json()['id']}"
    return declaration, base


async def claim(inspection: Inspection, base: str) -> None:
    claimed = await inspection.http.post(f"{base}/claim", auth=HRG_INSPECTOR)
    assert claimed.status_code == 200, claimed.text


async def find(inspection: Inspection, base: str, vin: str, **finding: Any) -> httpx.Response:
    return await inspection.http.put(f"{base}/findings/{vin}", json=finding, auth=HRG_INSPECTOR)


async def outcome(
    inspection: Inspection, base: str, by: httpx.Auth = HRG_INSPECTOR, **body: Any
) -> httpx.Response:
    return await inspection.http.post(
        f"{base}/outcome", json={"revision": 1, "outcome": "passed", **body}, auth=by
    )


async def test_a_pass_without_a_claim_or_findings_is_refused(inspection: Inspection) -> None:
    """Issue #9, case 5: 'passed' with no claim and no findings released 0 inspected cars."""
    _, base = await red_lane(inspection)
    unclaimed = await outcome(inspection, base)
    assert unclaimed.status_code == 409
    assert "claim" in unclaimed.json()["detail"]

    await claim(inspection, base)
    await find(inspection, base, VINS[0], vin_seen=VINS[0])
    await find(inspection, base, VINS[1])  # the VIN plate was not read
    incomplete = await outcome(inspection, base)
    assert incomplete.status_code == 409
    assert incomplete.headers["content-type"] == "application/problem+json"
    assert incomplete.json()["errors"] == [
        {"field": f"vehicles.{VINS[1]}", "reason": "the VIN on the vehicle was not read"},
        {"field": f"vehicles.{VINS[2]}", "reason": "no finding recorded"},
    ]
    assert await published(inspection, InspectionCompleted.event_type) == []


async def test_a_vin_mismatch_or_a_broken_seal_passes_only_when_accepted_with_a_reason(
    inspection: Inspection,
) -> None:
    _, base = await red_lane(inspection)
    await claim(inspection, base)
    await find(inspection, base, VINS[0], vin_seen=VINS[0])
    await find(inspection, base, VINS[1], vin_seen="LSVAU2180N9999999")
    await find(inspection, base, VINS[2], vin_seen=VINS[2], seals_intact=False)

    silent = await outcome(inspection, base)
    assert silent.status_code == 409
    assert [e["field"] for e in silent.json()["errors"]] == [
        f"vehicles.{VINS[1]}",
        f"vehicles.{VINS[2]}",
    ]
    assert "vin_mismatch" in silent.json()["errors"][0]["reason"]
    assert "seal_broken" in silent.json()["errors"][1]["reason"]

    accepted = [
        {"vin": VINS[1], "kind": "vin_mismatch", "reason": "plate misprinted; chassis VIN ok"},
        {"vin": VINS[2], "kind": "seal_broken", "reason": "seal tore in loading; resealed"},
    ]
    passed = await outcome(inspection, base, accepted_discrepancies=accepted)
    assert passed.status_code == 200, passed.text
    assert passed.json()["revision"] == 1
    [event] = await published(inspection, InspectionCompleted.event_type)
    assert event["vehicles_inspected"] == 3
    assert event["accepted_discrepancies"] == accepted


async def test_a_damaged_vehicle_says_what_the_damage_is(inspection: Inspection) -> None:
    _, base = await red_lane(inspection)
    await claim(inspection, base)
    silent = await find(inspection, base, VINS[0], vin_seen=VINS[0], damaged=True)
    assert silent.status_code == 422
    assert silent.json()["errors"][0]["field"] == "remarks"
    noted = await find(
        inspection, base, VINS[0], vin_seen=VINS[0], damaged=True, remarks="dent, rear door"
    )
    assert noted.status_code == 200 and noted.json()["damaged"] is True


async def test_an_outcome_for_another_revision_is_refused(inspection: Inspection) -> None:
    _, base = await red_lane(inspection)
    await claim(inspection, base)
    for vin in VINS:
        await find(inspection, base, vin, vin_seen=vin)
    stale = await outcome(inspection, base, revision=2)
    assert stale.status_code == 409
    assert "revision 1" in stale.json()["detail"]


async def test_an_amendment_drops_what_was_found_on_the_vehicles_it_changed(
    inspection: Inspection,
) -> None:
    declaration, base = await red_lane(inspection)
    await claim(inspection, base)
    for vin in VINS:
        await find(inspection, base, vin, vin_seen=vin)
    items = [car(1, vin=VINS[0]), car(2, vin=VINS[1], value="9000"), car(3, vin=VINS[2])]
    amended = declaration.model_copy(update={"revision": 2, "items": items})
    uow = inspection.uow()
    async with uow:
        await declarations.amend(
            uow=uow, declaration=amended, risk_relevant=True, now=inspection.clock()
        )
        await uow.commit()

    detail = (await inspection.http.get(base, auth=HRG_INSPECTOR)).json()
    assert detail["revision"] == 2
    assert sorted(f["vin"] for f in detail["findings"]) == [VINS[0], VINS[2]]
    incomplete = await outcome(inspection, base, revision=2)
    assert [e["field"] for e in incomplete.json()["errors"]] == [f"vehicles.{VINS[1]}"]
    await find(inspection, base, VINS[1], vin_seen=VINS[1])
    assert (await outcome(inspection, base, revision=2)).status_code == 200


async def test_no_inspection_work_reopens_on_a_released_declaration(
    inspection: Inspection,
) -> None:
    """Issue #9, case 6: booking, check-in and findings on a finished declaration."""
    declaration, base = await red_lane(inspection)
    await claim(inspection, base)
    for vin in VINS:
        await find(inspection, base, vin, vin_seen=vin)
    assert (await outcome(inspection, base)).status_code == 200

    # Inspected: the same revision is not inspected again.
    again = await inspection.http.post(
        "/v1/sites/HRG-1/arrivals",
        json={"reference": declaration.customs_number},
        auth=HRG_OFFICER,
    )
    assert again.status_code == 409
    assert "check for revision 1 is complete" in again.json()["detail"]

    uow = inspection.uow()
    async with uow:
        await declarations.record_status(
            uow=uow,
            declaration_id=declaration.declaration_id,
            status=DeclarationStatus.RELEASED,
            now=inspection.clock(),
        )
        await uow.commit()
    booking = await inspection.http.post(
        f"/v1/declarations/{declaration.declaration_id}/appointments",
        json={"site_id": "HRG-1", "slot_start": "2026-03-03T04:00:00Z"},
        auth=SILK_ROAD,
    )
    check_in = await inspection.http.post(
        "/v1/sites/HRG-1/arrivals", json={"reference": VINS[0]}, auth=HRG_OFFICER
    )
    finding = await find(inspection, base, VINS[0], vin_seen=VINS[0])
    for refused in (booking, check_in, finding):
        assert refused.status_code == 409, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
    assert "released" in booking.json()["detail"]
    assert "released" in check_in.json()["detail"]

"""Check-in at the gate, the inspectors' tablet, and the officers' document checks."""

from datetime import timedelta

import httpx
import pytest

from clearway_contracts.events.inspection import (
    DocumentCheckCompleted,
    InspectionCompleted,
    VehicleArrived,
)
from clearway_contracts.identity import Caller, Role
from tests.integration.inspection.conftest import (
    HRG_INSPECTOR,
    HRG_OFFICER,
    SILK_ROAD,
    Inspection,
    as_inspection,
)
from tests.integration.inspection.events import published
from tests.support.samples.snapshots import car, snapshot

pytestmark = pytest.mark.integration

OTHER_INSPECTOR = as_inspection(
    Caller(role=Role.INSPECTOR, actor="inspector-2", office="8021", site="HRG-1")
)


def vin(n: int) -> str:
    return f"LSVAU2180N{n:07d}"


TRAIN = [car(n, vin=vin(n)) for n in range(1, 251)]
SECOND_VIN = vin(2)


async def arrive(
    inspection: Inspection, reference: str, by: httpx.Auth = HRG_OFFICER
) -> httpx.Response:
    return await inspection.http.post(
        "/v1/sites/HRG-1/arrivals", json={"reference": reference}, auth=by
    )


async def test_vehicles_check_in_by_customs_number_vin_or_plate_and_queue_in_order(
    inspection: Inspection,
) -> None:
    walk_in = snapshot(destination="KZ", items=[car(vin="LSVAU2180N2000001", plate="新A99999")])
    booked = snapshot(destination="KZ", items=[car(vin="LSVAU2180N2000002")])
    by_number = snapshot(destination="KZ", items=[car(vin="LSVAU2180N2000003")])
    for declaration in (walk_in, booked, by_number):
        await inspection.accept(declaration)
    await inspection.http.post(
        f"/v1/declarations/{booked.declaration_id}/appointments",
        json={"site_id": "HRG-1", "slot_start": "2026-03-02T04:00:00Z"},
        auth=SILK_ROAD,
    )

    first = await arrive(inspection, "新a99999".upper())
    inspection.clock.advance(timedelta(minutes=5))
    second = await arrive(inspection, by_number.customs_number)
    inspection.clock.advance(timedelta(minutes=5))
    third = await arrive(inspection, "lsvau2180n2000002")  # the gate read it in lower case
    retried = await arrive(inspection, booked.customs_number)
    queue = await inspection.http.get("/v1/tablet/queue", auth=HRG_INSPECTOR)

    assert [r.status_code for r in (first, second, third, retried)] == [201, 201, 201, 200]
    assert third.json()["appointment_id"] is not None
    assert [i["declaration_id"] for i in queue.json()["items"]] == [
        str(booked.declaration_id),  # its booked slot first
        str(walk_in.declaration_id),  # then by arrival
        str(by_number.declaration_id),
    ]
    assert len(await published(inspection, VehicleArrived.event_type)) == 3


async def test_an_unknown_or_green_vehicle_cannot_check_in(inspection: Inspection) -> None:
    green = snapshot(destination="DE", items=[car(vin="LSVAU2180N2000009")])
    await inspection.accept(green)

    green_lane = await arrive(inspection, "LSVAU2180N2000009")
    assert green_lane.status_code == 409
    assert "green lane" in green_lane.json()["detail"]
    assert (await arrive(inspection, "NO-SUCH-PLATE")).status_code == 404
    forwarder = await arrive(inspection, "LSVAU2180N2000009", by=SILK_ROAD)
    assert forwarder.status_code == 403


async def test_a_train_is_inspected_vehicle_by_vehicle_by_one_inspector_at_a_time(
    inspection: Inspection,
) -> None:
    train = snapshot(destination="KZ", items=TRAIN)
    await inspection.accept(train)
    inspection_id = (await arrive(inspection, train.customs_number)).json()["id"]
    base = f"/v1/tablet/inspections/{inspection_id}"

    claimed = await inspection.http.post(f"{base}/claim", auth=HRG_INSPECTOR)
    blocked = await inspection.http.post(f"{base}/claim", auth=OTHER_INSPECTOR)
    for vehicle in TRAIN[:2]:
        assert vehicle.vehicle is not None
        vin = vehicle.vehicle.vin
        saved = await inspection.http.put(
            f"{base}/findings/{vin}",
            json={"vin_seen": vin, "odometer_km": 12, "seals": ["CN-8021-1"]},
            auth=HRG_INSPECTOR,
        )
        assert saved.status_code == 200 and saved.json()["vin_matches"] is True
    # Hours later the claim has lapsed: nothing is recorded without claiming again.
    inspection.clock.advance(timedelta(hours=3))
    lapsed = await inspection.http.put(
        f"{base}/findings/{SECOND_VIN}",
        json={"vin_seen": "LSVAU2180N9999999"},
        auth=HRG_INSPECTOR,
    )
    assert lapsed.status_code == 409 and "claim" in lapsed.json()["detail"]
    await inspection.http.post(f"{base}/claim", auth=HRG_INSPECTOR)
    # The second vehicle's record is corrected: the save replaces it.
    corrected = await inspection.http.put(
        f"{base}/findings/{SECOND_VIN}",
        json={"vin_seen": "LSVAU2180N9999999", "remarks": "plate swapped"},
        auth=HRG_INSPECTOR,
    )
    stranger = await inspection.http.put(
        f"{base}/findings/WRONGVIN000000000", json={}, auth=HRG_INSPECTOR
    )
    detail = await inspection.http.get(base, auth=HRG_INSPECTOR)

    assert claimed.status_code == 200 and blocked.status_code == 409
    assert corrected.json()["vin_matches"] is False
    assert stranger.status_code == 422 and stranger.json()["errors"][0]["field"] == "vin"
    assert detail.json()["vehicles_inspected"] == 2 and len(detail.json()["vehicles"]) == 250

    # The first inspector left it idle: the claim lapsed and another may finish the job.
    inspection.clock.advance(timedelta(minutes=21))
    unclaimed = await inspection.http.post(
        f"{base}/outcome",
        json={"revision": 1, "outcome": "failed", "reasons": [{"code": "X", "text": "x"}]},
        auth=OTHER_INSPECTOR,
    )
    assert unclaimed.status_code == 409
    await inspection.http.post(f"{base}/claim", auth=OTHER_INSPECTOR)
    failed_without_reason = await inspection.http.post(
        f"{base}/outcome",
        json={"revision": 1, "outcome": "failed"},
        auth=OTHER_INSPECTOR,
    )
    finished = await inspection.http.post(
        f"{base}/outcome",
        json={
            "revision": 1,
            "outcome": "failed",
            "reasons": [{"code": "VIN-MISMATCH", "text": "vehicle 2"}],
        },
        auth=OTHER_INSPECTOR,
    )

    assert failed_without_reason.status_code == 422
    assert finished.json()["status"] == "failed"
    [event] = await published(inspection, InspectionCompleted.event_type)
    assert (event["outcome"], event["vehicles_inspected"], event["inspector"]) == (
        "failed",
        2,
        "inspector-2",
    )
    queue = await inspection.http.get("/v1/tablet/queue", auth=HRG_INSPECTOR)
    assert queue.json() == {"items": [], "next_cursor": None}


async def test_an_officer_decides_a_document_check(inspection: Inspection) -> None:
    declaration = snapshot(destination="UZ")
    await inspection.accept(declaration)
    [check] = (await inspection.http.get("/v1/document-checks", auth=HRG_OFFICER)).json()["items"]

    assert check["revision"] == 1
    decision = f"/v1/document-checks/{check['id']}/decision"
    unnamed = await inspection.http.post(decision, json={"outcome": "passed"}, auth=HRG_OFFICER)
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "revision"
    stale = await inspection.http.post(
        decision, json={"revision": 2, "outcome": "passed"}, auth=HRG_OFFICER
    )
    assert stale.status_code == 409 and "revision 1" in stale.json()["detail"]
    decided = await inspection.http.post(
        decision, json={"revision": 1, "outcome": "passed"}, auth=HRG_OFFICER
    )
    again = await inspection.http.post(
        decision,
        json={"revision": 1, "outcome": "failed", "reasons": [{"code": "X", "text": "x"}]},
        auth=HRG_OFFICER,
    )

    assert decided.json()["status"] == "passed" and again.status_code == 409
    [event] = await published(inspection, DocumentCheckCompleted.event_type)
    assert (event["outcome"], event["officer"], event["revision"]) == ("passed", "officer-hrg", 1)

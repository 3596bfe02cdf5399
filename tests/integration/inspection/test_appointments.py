import asyncio
from datetime import datetime, timedelta

import httpx
import pytest

from clearway_contracts.events.inspection import (
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentMissed,
    AppointmentRescheduled,
)
from clearway_inspection.lanes import service
from tests.integration.inspection.conftest import OTHER_DECLARANT, SILK_ROAD, Inspection
from tests.integration.inspection.events import published
from tests.support.samples.snapshots import CHONGQING_RAIL, snapshot

pytestmark = pytest.mark.integration

HRG_MORNING = "2026-03-02T04:00:00Z"  # 10:00 in Urumqi, Horgos is open 24 h
AKS_EVENING = "2026-03-02T14:00:00Z"  # 20:00 in Urumqi, after Alashankou's 09:00-18:00


async def red_declaration(inspection: Inspection, **overrides: object) -> str:
    declaration = snapshot(destination="KZ", **overrides)  # type: ignore[arg-type]
    await inspection.accept(declaration)
    return str(declaration.declaration_id)


async def book(
    inspection: Inspection, declaration_id: str, slot: str, site: str = "HRG-1"
) -> httpx.Response:
    return await inspection.http.post(
        f"/v1/declarations/{declaration_id}/appointments",
        json={"site_id": site, "slot_start": slot},
        auth=SILK_ROAD,
    )


async def test_availability_follows_each_sites_time_zone(inspection: Inspection) -> None:
    urumqi = await inspection.http.get(
        "/v1/sites/AKS-1/availability", params={"from": "2026-03-02"}, auth=SILK_ROAD
    )
    shanghai = await inspection.http.get(
        "/v1/sites/CKG-1/availability", params={"from": "2026-03-02"}, auth=SILK_ROAD
    )

    first_open = [
        next(s for s in r.json()["slots"] if s["within_hours"]) for r in (urumqi, shanghai)
    ]
    assert [s["start"] for s in first_open] == ["2026-03-02T03:00:00Z", "2026-03-02T00:30:00Z"]
    assert [s["local_start"] for s in first_open] == [
        "2026-03-02T09:00:00+06:00",
        "2026-03-02T08:30:00+08:00",
    ]
    assert first_open[0]["free"] == 4 and first_open[0]["bookable"]


async def test_book_reschedule_and_cancel_publish_events_and_free_places(
    inspection: Inspection,
) -> None:
    declaration_id = await red_declaration(inspection)

    booked = await book(inspection, declaration_id, HRG_MORNING)
    assert booked.status_code == 201, booked.text
    appointment = booked.json()
    twice = await book(inspection, declaration_id, HRG_MORNING)
    moved = await inspection.http.post(
        f"/v1/appointments/{appointment['id']}/reschedule",
        json={"slot_start": "2026-03-02T04:30:00Z"},
        auth=SILK_ROAD,
    )
    availability = await inspection.http.get(
        "/v1/sites/HRG-1/availability", params={"from": "2026-03-02"}, auth=SILK_ROAD
    )
    cancelled = await inspection.http.post(
        f"/v1/appointments/{appointment['id']}/cancel", auth=SILK_ROAD
    )

    assert booked.status_code == 201 and appointment["status"] == "booked"
    assert twice.status_code == 409
    assert moved.json()["slot_start"] == "2026-03-02T04:30:00Z"
    free = {s["start"]: s["free"] for s in availability.json()["slots"]}
    assert (free["2026-03-02T04:00:00Z"], free["2026-03-02T04:30:00Z"]) == (5, 4)
    assert cancelled.json()["status"] == "cancelled"
    for event in (AppointmentBooked, AppointmentRescheduled, AppointmentCancelled):
        assert len(await published(inspection, event.event_type)) == 1


async def test_another_declarants_declaration_and_appointment_are_not_found(
    inspection: Inspection,
) -> None:
    declaration_id = await red_declaration(inspection)
    appointment = (await book(inspection, declaration_id, HRG_MORNING)).json()

    foreign_booking = await inspection.http.post(
        f"/v1/declarations/{declaration_id}/appointments",
        json={"site_id": "HRG-1", "slot_start": HRG_MORNING},
        auth=OTHER_DECLARANT,
    )
    foreign_cancel = await inspection.http.post(
        f"/v1/appointments/{appointment['id']}/cancel", auth=OTHER_DECLARANT
    )

    assert (foreign_booking.status_code, foreign_cancel.status_code) == (404, 404)
    assert foreign_cancel.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"site_id": "AKS-1", "slot_start": AKS_EVENING}, "site_id"),  # another office's site
        ({"site_id": "HRG-1", "slot_start": "2026-03-02T04:10:00Z"}, "slot_start"),  # no slot
        ({"site_id": "HRG-1", "slot_start": "2026-03-02T04:00:00"}, "slot_start"),  # no zone
        ({"site_id": "HRG-1"}, "slot_start"),
    ],
)
async def test_bad_bookings_name_the_field_and_book_nothing(
    inspection: Inspection, body: dict[str, str], field: str
) -> None:
    declaration_id = await red_declaration(inspection)

    response = await inspection.http.post(
        f"/v1/declarations/{declaration_id}/appointments", json=body, auth=SILK_ROAD
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert await published(inspection, AppointmentBooked.event_type) == []


async def test_out_of_hours_slots_need_24_hours_notice_or_8_for_advanced_certified(
    inspection: Inspection,
) -> None:
    # 14 hours before an evening slot at Alashankou (office 8031).
    inspection.clock.now = datetime.fromisoformat(AKS_EVENING) - timedelta(hours=14)
    certified = await red_declaration(inspection, inspection_office="8031")
    registered = await red_declaration(
        inspection, inspection_office="8031", declarant=CHONGQING_RAIL
    )

    ok = await book(inspection, certified, AKS_EVENING, site="AKS-1")
    refused = await inspection.http.post(
        f"/v1/declarations/{registered}/appointments",
        json={"site_id": "AKS-1", "slot_start": AKS_EVENING},
        auth=OTHER_DECLARANT,
    )

    assert ok.status_code == 201
    assert refused.status_code == 422
    assert "24 hours ahead" in refused.json()["errors"][0]["reason"]


async def test_200_concurrent_bookings_of_a_5_place_slot_give_exactly_5(
    inspection: Inspection,
) -> None:
    declarations = [snapshot(destination="KZ") for _ in range(200)]
    uow = inspection.uow()
    async with uow:
        for declaration in declarations:
            await service.accept(uow=uow, declaration=declaration, now=inspection.clock())
        await uow.commit()

    responses = await asyncio.gather(
        *(book(inspection, str(d.declaration_id), HRG_MORNING) for d in declarations)
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 5 + [409] * 195
    assert all("full" in r.json()["detail"] for r in responses if r.status_code == 409)
    assert len(await published(inspection, AppointmentBooked.event_type)) == 5


async def test_a_missed_slot_is_freed_and_the_declarant_can_book_again(
    inspection: Inspection,
) -> None:
    declaration_id = await red_declaration(inspection)
    appointment = (await book(inspection, declaration_id, HRG_MORNING)).json()

    inspection.clock.now = datetime.fromisoformat(appointment["slot_end"]) + timedelta(minutes=31)
    async with asyncio.timeout(10):
        while not await published(inspection, AppointmentMissed.event_type):
            await asyncio.sleep(0.1)
    status = await inspection.http.get(f"/v1/appointments/{appointment['id']}", auth=SILK_ROAD)
    again = await book(inspection, declaration_id, "2026-03-02T06:00:00Z")

    assert status.json()["status"] == "missed"
    assert again.status_code == 201

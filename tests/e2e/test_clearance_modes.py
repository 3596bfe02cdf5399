"""One full happy path per clearance mode, through the gateway with every service running."""

from tests.e2e.conftest import System
from tests.e2e.flow import (
    inspected_red_at_horgos,
    lodge,
    wait_for_status,
)
from tests.support.samples import bodies


async def test_local_a_car_declared_at_horgos_goes_green_is_released_and_exits(
    system: System,
) -> None:
    forwarder, officer = system.forwarder(), system.official("officer-hrg")
    lodged = await lodge(forwarder, bodies.local_car())
    assert len(lodged["customs_number"]) == 18 and lodged["customs_number"].startswith("8021")

    await wait_for_status(forwarder, lodged["id"], "released")
    notice = await officer.get(f"/v1/releases/{lodged['id']}")
    assert notice.status_code == 200, notice.text
    assert notice.json()["decision"]["release_number"]

    exited = await officer.post(f"/v1/releases/{lodged['id']}/exits", json={"revision": 1})
    assert exited.status_code == 200, exited.text
    final = await wait_for_status(forwarder, lodged["id"], "exited")
    assert final["progress"]["lane"]["lane"] == "green"
    changes = [entry["status"] for entry in final["timeline"] if not entry["refused"]]
    assert changes[0] == "accepted" and changes[-1] == "exited"


async def test_integrated_declared_at_chongqing_inspected_red_at_horgos_then_released(
    system: System,
) -> None:
    forwarder = system.forwarder()
    inspector, officer = system.official("inspector-hrg"), system.official("officer-hrg")
    lodged = await inspected_red_at_horgos(forwarder, inspector, bodies.integrated_used_car())

    await wait_for_status(forwarder, lodged["id"], "released")
    exited = await officer.post(f"/v1/releases/{lodged['id']}/exits", json={"revision": 1})
    assert exited.status_code == 200, exited.text
    await wait_for_status(forwarder, lodged["id"], "exited")


async def test_direct_transfer_a_sealed_train_travels_from_chongqing_and_exits_at_horgos(
    system: System,
) -> None:
    forwarder = system.forwarder("5001987654")
    officer = system.official("officer-hrg")
    body = bodies.car_carrier_train(cars=6)
    lodged = await lodge(forwarder, body)

    in_transit = await wait_for_status(forwarder, lodged["id"], "released_for_transit")
    transit = (await officer.get(f"/v1/releases/{lodged['id']}")).json()["transit"]
    assert transit["seals"] == ["CN8601-000123", "CN8601-000124"]
    assert transit["exit_office"] == "8021" and transit["departure_office"] == "8601"
    assert in_transit["customs_number"].startswith("8601")

    arrival = await officer.post(
        f"/v1/transits/{lodged['id']}/arrival", json={"revision": 1, "seals_intact": True}
    )
    assert arrival.status_code == 200, arrival.text
    await wait_for_status(forwarder, lodged["id"], "arrived_at_exit")

    first_wagon = bodies.vins(body)[:2]
    partial = await officer.post(
        f"/v1/releases/{lodged['id']}/exits", json={"revision": 1, "vins": first_wagon}
    )
    assert partial.status_code == 200, partial.text
    assert partial.json()["complete"] is False
    rest = await officer.post(f"/v1/releases/{lodged['id']}/exits", json={"revision": 1})
    assert rest.json()["complete"] is True
    await wait_for_status(forwarder, lodged["id"], "exited")

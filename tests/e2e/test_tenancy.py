"""Through the whole system: who may see what."""

from tests.e2e.conftest import System
from tests.e2e.flow import lodge
from tests.support.samples import bodies


async def test_a_forwarder_never_sees_another_tenants_declaration(system: System) -> None:
    mine = await lodge(system.forwarder(), bodies.local_car())
    foreign = system.forwarder("5001987654")
    response = await foreign.get(f"/v1/declarations/{mine['id']}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    listed = await foreign.get("/v1/declarations")
    assert mine["id"] not in {d["id"] for d in listed.json()["items"]}


async def test_no_credentials_no_access(system: System) -> None:
    response = await system.anonymous().get("/v1/declarations")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_declarant_cannot_lodge_in_another_declarants_name(system: System) -> None:
    body = bodies.local_car()
    body["declarant"] = bodies.CHONGQING_RAIL
    response = await system.forwarder().post("/v1/declarations", json=body)
    assert response.status_code in (403, 422)
    assert "declarant" in response.text


async def test_an_impossible_mode_is_refused_with_the_field_at_fault(system: System) -> None:
    body = bodies.public_declaration(mode="local", declaring_office="8601")  # Chongqing is inland
    response = await system.forwarder().post("/v1/declarations", json=body)
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"][0]["field"] in {"declaring_office", "mode"}

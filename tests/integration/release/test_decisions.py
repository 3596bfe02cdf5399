"""Release decisions from declaration and inspection events, in any order, read back by REST."""

import re
from uuid import uuid4

import httpx

from clearway_contracts.events import Envelope
from clearway_contracts.events.common import Lane, Outcome
from clearway_contracts.events.release import Released, ReleaseRefused
from clearway_contracts.identity import Caller, Role
from tests.integration.release.conftest import ALASHANKOU_OFFICER
from tests.support.events import AsOwners, EventProbe, of_type
from tests.support.identity import as_gateway
from tests.support.samples.snapshots import VINS, accepted, inspected, lane


def about(events: list[Envelope], declaration_id: object) -> list[Envelope]:
    return [e for e in events if e.subject == str(declaration_id)]


async def test_a_green_declaration_is_released_once_with_a_notice(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id, Lane.GREEN))

    events = await published.wait_for(lambda seen: bool(about(seen, declaration_id)))
    [notice] = of_type(about(events, declaration_id), Released.event_type)
    assert notice.data["office"] == "8021"
    assert re.fullmatch(r"80212\d{3}R\d{9}", notice.data["release_number"])

    release = (await api.get(f"/v1/releases/{declaration_id}")).json()
    assert release["status"] == "released"
    assert release["decision"]["release_number"] == notice.data["release_number"]
    assert release["vehicles"] == VINS
    assert release["transit"] is None


async def test_a_lane_that_arrives_before_the_declaration_waits_for_it(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(lane(declaration_id, Lane.GREEN))
    await published.drain(1.0)
    assert about(published.events, declaration_id) == []

    await upstream.send(accepted(declaration_id))
    events = await published.wait_for(lambda seen: bool(about(seen, declaration_id)))
    assert [e.type for e in about(events, declaration_id)] == [Released.event_type]


async def test_a_failed_inspection_refuses_release_with_its_reasons(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id, Lane.RED))
    await upstream.send(inspected(declaration_id, Outcome.FAILED))

    events = await published.wait_for(lambda seen: bool(about(seen, declaration_id)))
    [refusal] = of_type(about(events, declaration_id), ReleaseRefused.event_type)
    assert refusal.data["reasons"][0]["code"] == "VIN_MISMATCH"
    release = (await api.get(f"/v1/releases/{declaration_id}")).json()
    assert release["status"] == "not_released"
    assert release["decision"] | {"decided_at": None} == {
        "revision": 1,
        "in_force": False,
        "released": False,
        "release_number": None,
        "office": "8021",
        "decided_at": None,
        "reasons": [{"code": "VIN_MISMATCH", "text": "VIN plate differs"}],
    }


async def test_a_red_declaration_is_released_when_its_inspection_passed(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(inspected(declaration_id, Outcome.PASSED), lane(declaration_id, Lane.RED))
    await upstream.send(accepted(declaration_id))
    events = await published.wait_for(lambda seen: bool(about(seen, declaration_id)))
    assert [e.type for e in about(events, declaration_id)] == [Released.event_type]


async def test_a_release_is_visible_only_to_those_it_concerns(
    api: httpx.AsyncClient, upstream: AsOwners, published: EventProbe
) -> None:
    declaration_id = uuid4()
    await upstream.send(accepted(declaration_id), lane(declaration_id, Lane.GREEN))
    await published.wait_for(lambda seen: bool(about(seen, declaration_id)))
    path = f"/v1/releases/{declaration_id}"

    assert (await api.get(path, auth=ALASHANKOU_OFFICER)).status_code == 404
    foreign = as_gateway(Caller(Role.FORWARDER, actor="key-2", tenant="5001987654"), "release")
    assert (await api.get(path, auth=foreign)).status_code == 404
    own = as_gateway(Caller(Role.FORWARDER, actor="key-1", tenant="6501234567"), "release")
    assert (await api.get(path, auth=own)).json()["status"] == "released"
    unknown = await api.get(f"/v1/releases/{uuid4()}")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    malformed = await api.get("/v1/releases/not-a-uuid")
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "declaration_id"

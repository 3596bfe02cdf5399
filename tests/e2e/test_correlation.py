"""One correlation id follows a declaration from the ERP's request through every service."""

from uuid import uuid4

from clearway_contracts.events import TOPICS
from clearway_contracts.events.declaration import DeclarationAccepted
from clearway_contracts.events.inspection import LaneAssigned
from clearway_contracts.events.release import Released
from clearway_platform.correlation import correlation_from_traceparent
from tests.e2e.conftest import System
from tests.support.events import EventProbe
from tests.support.samples import bodies


async def test_the_request_id_comes_back_and_travels_in_every_event_it_causes(
    system: System,
) -> None:
    request_id = uuid4().hex
    response = await system.forwarder().post(
        "/v1/declarations", json=bodies.local_car(), headers={"X-Request-ID": request_id}
    )
    assert response.status_code == 201, response.text
    assert response.headers["X-Request-ID"] == request_id
    declaration_id = response.json()["id"]

    topics = [system.topic_prefix + topic for topic in TOPICS]
    wanted = {DeclarationAccepted.event_type, LaneAssigned.event_type, Released.event_type}
    async with EventProbe(system.kafka, *topics) as probe:
        events = await probe.wait_for(
            lambda seen: wanted <= {e.type for e in seen if e.subject == declaration_id}
        )
    caused = [e for e in events if e.subject == declaration_id and e.type in wanted]
    assert {correlation_from_traceparent(e.traceparent) for e in caused} == {request_id}

"""The lodging example a new user is told to curl, and the OpenAPI document shows, works."""

import json

from clearway_gateway.declarations.schemas import LODGE_EXAMPLE
from tests.e2e.conftest import System
from tests.e2e.flow import lodge, wait_for_status
from tests.support.infra import REPO

EXAMPLE = REPO / "docs" / "examples" / "lodge-local-car.json"


async def test_the_documented_example_is_accepted_and_assessed(system: System) -> None:
    body = json.loads(EXAMPLE.read_text())
    assert body == LODGE_EXAMPLE, "docs/examples and the OpenAPI lodging example differ"
    forwarder = system.forwarder()
    lodged = await lodge(forwarder, body)
    assessed = await wait_for_status(forwarder, lodged["id"], "released")
    assert assessed["customs_number"].startswith("8021")

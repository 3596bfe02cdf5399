"""An integrator's view of the contract: a client generated from the gateway's openapi.json by
a mainstream generator (openapi-python-client) lodges a declaration and follows it to its
release, through the running system, with typed models and readable method names."""

import asyncio
import importlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from tests.e2e.conftest import System
from tests.support.samples import bodies


@pytest.fixture(scope="module")
async def generated(system: System, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Any]:
    """The client package generated into a temporary folder and imported from there."""
    tmp_path = tmp_path_factory.mktemp("generated")
    async with httpx.AsyncClient(base_url=system.gateway_url) as http:
        document = await http.get("/openapi.json")
    assert document.status_code == 200
    (tmp_path / "openapi.json").write_text(json.dumps(document.json()))
    package = tmp_path / "clearway_client"
    made = await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(tmp_path / "openapi.json"),
            "--output-path",
            str(package),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Warning" not in made.stdout, f"parts of the document were left out:\n{made.stdout}"
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("clearway_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.startswith("clearway_client")]:
            del sys.modules[name]


def module(client: Any, name: str) -> Any:
    return importlib.import_module(f"{client.__name__}.{name}")


async def test_a_generated_client_lodges_and_follows_a_declaration(
    system: System, generated: Any
) -> None:
    lodge = module(generated, "api.declarations.lodge_declaration")
    read = module(generated, "api.declarations.get_declaration")
    listing = module(generated, "api.declarations.list_declarations")
    models = module(generated, "models")
    client = module(generated, "client").Client(
        base_url=system.gateway_url,
        headers={"X-API-Key": system.api_keys[bodies.DECLARANT]},
        raise_on_unexpected_status=True,
    )
    body = bodies.local_car()
    means_id = f"新F·{uuid4().hex[:6]}"
    body["transport"]["means_id"] = means_id

    lodged = await lodge.asyncio_detailed(
        client=client,
        body=models.LodgeDeclaration.from_dict(body),
        idempotency_key=f"generated-{uuid4()}",
    )

    assert lodged.status_code == 201, lodged.content
    assert isinstance(lodged.parsed, models.LodgedDeclaration)
    assert lodged.parsed.status == models.DeclarationStatus.ACCEPTED
    assert UUID(lodged.headers["X-Request-ID"])
    declaration_id = UUID(lodged.parsed.id)
    async with asyncio.timeout(30):
        while True:
            declaration = await read.asyncio(client=client, declaration_id=declaration_id)
            assert isinstance(declaration, models.Declaration)
            if declaration.status == models.DeclarationStatus.RELEASED:
                break
            await asyncio.sleep(0.2)
    assert declaration.progress.lane.lane == models.Lane.GREEN
    assert [entry.kind for entry in declaration.timeline] == [
        "accepted",
        "lane_assigned",
        "released",
    ]
    page = await listing.asyncio(client=client, means_id=means_id)
    assert [row.customs_number for row in page.items] == [lodged.parsed.customs_number]
    assert page.items[0].status == models.DeclarationStatus.RELEASED


async def test_a_generated_client_reads_a_refusal_as_problem_details(
    system: System, generated: Any
) -> None:
    lodge = module(generated, "api.declarations.lodge_declaration")
    models = module(generated, "models")
    client = module(generated, "client").Client(
        base_url=system.gateway_url, headers={"X-API-Key": system.api_keys[bodies.DECLARANT]}
    )
    body = bodies.local_car()
    body["items"][0]["vehicle"]["vin"] = "LGXCE6CB5P0000019"  # a wrong check digit

    refused = await lodge.asyncio(client=client, body=models.LodgeDeclaration.from_dict(body))

    assert isinstance(refused, models.ProblemDetails)
    assert refused.status == 422
    assert refused.errors[0].field == "items[0].vehicle.vin"

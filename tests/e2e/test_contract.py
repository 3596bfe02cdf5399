"""Schemathesis over the public OpenAPI document, against the whole running system."""

import asyncio

from tests.e2e.conftest import System
from tests.support.contract import fuzz


async def test_the_whole_system_keeps_to_the_public_openapi_document(system: System) -> None:
    credentials = {
        "forwarder": {"X-API-Key": system.api_keys["6501234567"]},
        **{
            who: {"Authorization": f"Bearer {system.tokens[who]}"}
            for who in ("inspector-hrg", "officer-hrg", "admin")
        },
    }
    failures = await asyncio.to_thread(fuzz, system.gateway_url, credentials)
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)

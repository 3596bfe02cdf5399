"""Schemathesis over the public OpenAPI document, against the whole running system."""

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.e2e.conftest import System, running_system
from tests.support.contract import fuzz
from tests.support.infra import TestInfra


@pytest.fixture
async def system(infra: TestInfra) -> AsyncIterator[System]:
    """A system of its own: generated requests change rules and offices as admin."""
    async with running_system(infra) as running:
        yield running


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

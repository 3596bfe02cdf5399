"""Schemathesis over the gateway's OpenAPI document, as every role: no 5xx, and every
response matches the schema the document gives for it."""

import asyncio
from collections.abc import AsyncIterator

import pytest

from clearway_gateway.app import create_app
from clearway_gateway.settings import Settings
from tests.integration.gateway.conftest import Gateway, StubService, running_gateway
from tests.integration.gateway.example_answers import ExampleAnswers
from tests.support.contract import fuzz
from tests.support.identity import gateway_settings
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration


@pytest.fixture
async def gateway(infra: TestInfra) -> AsyncIterator[Gateway]:
    stub = StubService(answers=ExampleAnswers(create_app(Settings(**gateway_settings())).openapi()))
    async with running_gateway(
        infra, stub=stub, rate_limit_per_second=100_000, rate_limit_burst=100_000
    ) as running:
        yield running


async def test_the_gateway_keeps_to_its_openapi_document(gateway: Gateway) -> None:
    credentials = {
        "forwarder": gateway.demo_key,
        **{who: gateway.bearer(who) for who in ("inspector-hrg", "officer-hrg", "admin")},
    }
    url = str(gateway.client.base_url).rstrip("/")
    failures = await asyncio.to_thread(fuzz, url, credentials)
    assert gateway.stub.seen, "valid requests reach the services behind"
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)

"""Schemathesis over the gateway's OpenAPI document, as every role: no 5xx, and every
response matches the schema the document gives for it."""

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from clearway_gateway.app import create_app
from clearway_gateway.settings import Settings
from tests.integration.gateway.conftest import Gateway, StubService, running_gateway
from tests.integration.gateway.example_answers import ExampleAnswers
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration

EXAMPLES_PER_OPERATION = 3
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
async def gateway(infra: TestInfra) -> AsyncIterator[Gateway]:
    stub = StubService(answers=ExampleAnswers(create_app(Settings()).openapi()))
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


def fuzz(url: str, credentials: dict[str, dict[str, str]]) -> list[str]:
    """Every operation, valid and invalid requests, as each caller: what went wrong."""
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for who, headers in credentials.items():
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                try:
                    calls(operation, mode, url, headers)()
                except Unsatisfiable:
                    pass  # nothing in the request can be made invalid (no parameters, no body)
                except (Exception, BaseExceptionGroup) as failure:
                    failures.append(f"{operation.label} as {who} ({mode.value}): {failure}")
    return failures


def calls(
    operation: APIOperation, mode: GenerationMode, url: str, headers: dict[str, str]
) -> Callable[[], None]:
    """A Hypothesis test calling ``operation`` a few times with generated requests."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case: Case) -> None:
        case.call_and_validate(base_url=url, headers=headers, checks=CHECKS)

    return call

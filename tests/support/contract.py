"""Schemathesis over the gateway's OpenAPI document: no 5xx, responses match the schema."""

from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance

EXAMPLES_PER_OPERATION = 3
CHECKS = [not_a_server_error, response_schema_conformance]
# Long polls (the event feed's ``wait``, up to 30 s) would outlast the client's 10 s read
# timeout: the fuzzer waits at most this long, and the feed's own tests cover the waiting.
LONG_POLL_SECONDS = {"wait": 1}


def fuzz(url: str, credentials: dict[str, dict[str, str]]) -> list[str]:
    """Every operation, valid and invalid requests, as each caller: what went wrong."""
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    failures = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            failures.append(f"the OpenAPI document has an invalid operation: {result.err()}")
            continue
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
    operation: APIOperation[Any, Any, Any, Any],
    mode: GenerationMode,
    url: str,
    headers: dict[str, str],
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
    def call(case: Case[Any]) -> None:
        for name, most in LONG_POLL_SECONDS.items():
            value = (case.query or {}).get(name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value > most:
                case.query[name] = most
        case.call_and_validate(base_url=url, headers=headers, checks=CHECKS)

    return call

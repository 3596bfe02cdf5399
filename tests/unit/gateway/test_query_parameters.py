"""A query parameter an operation does not take is refused, each named, never ignored."""

import pytest
from fastapi import Request
from fastapi.routing import APIRoute

from clearway_gateway.declarations.views import router as declarations
from clearway_gateway.forwarding.contract import known_query_only
from clearway_platform.domain_errors import InvalidInput


def request(path: str, query: str) -> Request:
    [route] = [
        r
        for r in declarations.routes
        if isinstance(r, APIRoute) and r.path == path and r.methods == {"GET"}
    ]
    return Request(
        {
            "type": "http",
            "method": "GET",
            "path": path,
            "query_string": query.encode(),
            "route": route,
            "headers": [],
        }
    )


async def test_the_filters_an_operation_takes_pass() -> None:
    query = "status=released&means_id=JSQ-0042&accepted_from=2026-03-01T00:00:00Z&limit=10"
    await known_query_only(request("/v1/declarations", query))


async def test_a_misspelt_filter_is_refused_and_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        await known_query_only(request("/v1/declarations", "stauts=released&vin=X&colour=red"))
    assert [(v.field, v.reason.split(";")[0]) for v in refused.value.violations] == [
        ("colour", "unknown query parameter"),
        ("stauts", "unknown query parameter"),
    ]
    assert "means_id" in refused.value.violations[0].reason


async def test_an_operation_without_query_parameters_refuses_any() -> None:
    with pytest.raises(InvalidInput) as refused:
        await known_query_only(request("/v1/declarations/{declaration_id}", "expand=all"))
    assert refused.value.violations[0].reason.endswith("takes: none")

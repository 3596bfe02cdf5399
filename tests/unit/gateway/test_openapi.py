"""The gateway's OpenAPI document: one 3.1 document, a worked example for every operation."""

from typing import Any

import pytest

from clearway_gateway.app import create_app
from clearway_gateway.settings import Settings
from tests.support.identity import gateway_settings

DOCUMENT = create_app(Settings(roles={"api"}, **gateway_settings())).openapi()
OPERATIONS = [
    pytest.param(method.upper(), path, operation, id=f"{method.upper()} {path}")
    for path, item in DOCUMENT["paths"].items()
    if path.startswith("/v1/")
    for method, operation in item.items()
]


def resolved(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return resolved(DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]])
    if schema.get("type") == "array":
        return resolved(schema["items"])
    return schema


def has_example(content: dict[str, Any]) -> bool:
    media = next(iter(content.values()))
    schema = media["schema"]
    found = (media.get("example"), media.get("examples"), schema.get("examples"))
    return any(found) or bool(resolved(schema).get("examples"))


def test_it_is_openapi_3_1() -> None:
    assert DOCUMENT["openapi"].startswith("3.1")


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS)
def test_every_operation_has_a_worked_example(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    if "requestBody" in operation:
        assert has_example(operation["requestBody"]["content"]), "request body"
    success = [r for status, r in operation["responses"].items() if status.startswith("2")]
    assert success and all(has_example(r["content"]) for r in success), "response"


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS)
def test_errors_are_problem_json(method: str, path: str, operation: dict[str, Any]) -> None:
    for status in ("401", "403", "422"):
        assert list(operation["responses"][status]["content"]) == ["application/problem+json"]

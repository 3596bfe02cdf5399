"""The gateway's OpenAPI document: one 3.1 document, a worked example for every operation."""

import re
from typing import Any

import pytest
from openapi_spec_validator import validate

from clearway_gateway.app import create_app
from clearway_gateway.settings import Settings
from tests.support.identity import gateway_settings

DOCUMENT = create_app(Settings(roles={"api"}, **gateway_settings())).openapi()
ALL_OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in DOCUMENT["paths"].items()
    if path.startswith("/v1/")
    for method, operation in item.items()
]
OPERATIONS = [
    pytest.param(*operation, id=f"{operation[0]} {operation[1]}") for operation in ALL_OPERATIONS
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


# What an integrator's generated client relies on.

LISTS = {
    "/v1/declarations",
    "/v1/sites",
    "/v1/tablet/queue",
    "/v1/document-checks",
    "/v1/risk/decisions/{declaration_id}",
    "/v1/offices",
    "/v1/offices/{code}/versions",
    "/v1/transits",
}


def schema_of(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = DOCUMENT["components"]["schemas"][name]
    return schema


def test_every_operation_has_a_readable_stable_operation_id() -> None:
    ids = [operation["operationId"] for _, _, operation in ALL_OPERATIONS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+([A-Z][a-z]+)*", id_) for id_ in ids), ids
    assert {"lodgeDeclaration", "getDeclaration", "listDeclarations", "getTabletQueue"} <= set(ids)


def test_the_document_names_its_server_and_licence() -> None:
    assert DOCUMENT["servers"] == [{"url": "/", "description": "the gateway serving this document"}]
    assert DOCUMENT["info"]["license"]["identifier"] == "Apache-2.0"


@pytest.mark.parametrize("path", sorted(LISTS))
def test_every_list_is_paged_with_cursor_and_limit(path: str) -> None:
    operation = DOCUMENT["paths"][path]["get"]
    assert {"cursor", "limit"} <= {p["name"] for p in operation["parameters"]}
    page = resolved(operation["responses"]["200"]["content"]["application/json"]["schema"])
    assert set(page["properties"]) == {"items", "next_cursor"}


def test_no_operation_answers_a_bare_array() -> None:
    for _, path, operation in ALL_OPERATIONS:
        for status, response in operation["responses"].items():
            for media in response.get("content", {}).values():
                assert media["schema"].get("type") != "array", f"{path} {status}"


def test_statuses_are_typed_and_every_summary_field_documented() -> None:
    statuses = schema_of("DeclarationStatus")["enum"]
    assert len(statuses) == 12 and "under_control" in statuses
    declaration = schema_of("Declaration")["properties"]
    assert declaration["status"] == {"$ref": "#/components/schemas/DeclarationStatus"}
    assert declaration["progress"] == {"$ref": "#/components/schemas/Progress"}
    assert declaration["timeline"]["items"] == {"$ref": "#/components/schemas/TimelineEntry"}
    summary = schema_of("DeclarationSummary")
    assert {"item_count", "destination_country", "updated_at", "means_id"} <= set(
        summary["required"]
    )
    assert summary["properties"]["lane"]["anyOf"][0] == {"$ref": "#/components/schemas/Lane"}


def test_the_declaration_filters_are_documented() -> None:
    parameters = {p["name"]: p for p in DOCUMENT["paths"]["/v1/declarations"]["get"]["parameters"]}
    filters = {"accepted_from", "accepted_before", "means_id", "consignment_reference"}
    assert filters | {"declarant", "status"} <= set(parameters)
    assert "403" in parameters["declarant"]["description"]


def test_sites_and_offices_have_one_shape_of_opening_hours() -> None:
    site_hours = schema_of("Hours")["properties"]
    office_hours = schema_of("WeeklyHours")["properties"]
    assert set(site_hours) == set(office_hours) == {"days", "opens", "closes"}
    assert site_hours["days"]["items"] == office_hours["days"]["items"]


def test_the_response_headers_a_client_reads_are_documented() -> None:
    lodge = DOCUMENT["paths"]["/v1/declarations"]["post"]["responses"]
    assert {"Location", "Idempotent-Replayed", "X-Request-ID"} <= set(lodge["201"]["headers"])
    assert lodge["201"]["headers"]["X-Request-ID"]["schema"]["format"] == "uuid"
    for status in ("429", "503", "504"):
        assert "Retry-After" in lodge[status]["headers"]


def test_error_field_paths_have_one_documented_format() -> None:
    field = schema_of("FieldProblem")["properties"]["field"]
    assert field["examples"] == ["items[0].vehicle.vin"]
    assert "items[0].vehicle.vin" in DOCUMENT["info"]["description"]


def test_the_document_is_valid_openapi() -> None:
    validate(DOCUMENT)  # openapi-spec-validator: raises, naming the part at fault

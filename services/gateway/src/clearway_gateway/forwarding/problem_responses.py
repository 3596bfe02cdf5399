"""The errors every public operation may answer, as the OpenAPI document shows them.

Whether the gateway refuses a request itself or passes on a service's refusal, an error is
``application/problem+json`` (RFC 9457) with the fields at fault in ``errors``.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from clearway_contracts.problems import PROBLEM_JSON


class FieldProblem(BaseModel):
    field: str = Field(
        description="path of the field at fault: names joined by dots, list positions in "
        "brackets from 0 (items[0].vehicle.vin); a query parameter or header by its name",
        examples=["items[0].vehicle.vin"],
    )
    reason: str


class ProblemDetails(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "about:blank",
                    "title": "Invalid request",
                    "status": 422,
                    "detail": "the request has invalid fields",
                    "instance": "/v1/declarations",
                    "errors": [{"field": "items[0].vehicle.vin", "reason": "bad check digit"}],
                }
            ]
        },
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldProblem] | None = None


_WHEN = {
    401: "no credentials, or ones that do not verify (unknown or revoked key, expired token)",
    403: "your role may not do this",
    404: "no such resource, or not yours",
    409: "it conflicts with the resource's current state",
    422: "invalid fields: each is named in errors",
    429: "this API key's rate limit is spent: see Retry-After",
    503: "the service behind is unavailable: retry after Retry-After",
    504: "the service behind did not answer in time: retry after Retry-After",
}

PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"description": when, "model": ProblemDetails} for status, when in _WHEN.items()
}


def served_as_problem_json(document: dict[str, Any]) -> dict[str, Any]:
    """FastAPI documents every response as application/json: say problem+json for errors."""
    for operation in _operations(document):
        for status, response in operation.get("responses", {}).items():
            content = response.get("content", {})
            if status[0] in "45" and "application/json" in content:
                content[PROBLEM_JSON] = content.pop("application/json")
    return document


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for path in document.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict)
    ]

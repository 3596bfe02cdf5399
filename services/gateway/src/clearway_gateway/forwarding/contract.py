"""What makes the public OpenAPI document one an integrator can generate a client from.

* every operation has a stable, readable ``operationId`` (``lodgeDeclaration``), made from
  its view function's name, so SDK method names do not change when a path does;
* a query parameter the operation does not take is refused (422 naming it), never ignored:
  a misspelt filter would otherwise silently return everything;
* the document names its server, its licence and the response headers a client reads
  (``X-Request-ID``, ``Retry-After``, ``Idempotent-Replayed``, ``Location``).
"""

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from clearway_gateway.forwarding.problem_responses import PROBLEMS, served_as_problem_json
from clearway_platform.domain_errors import InvalidInput, Violation


def operation_id(route: APIRoute) -> str:
    """``lodge_declaration`` → ``lodgeDeclaration``."""
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _query_names(dependant: Dependant) -> frozenset[str]:
    names = {field.alias for field in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return frozenset(names)


_KNOWN: dict[int, frozenset[str]] = {}


async def known_query_only(request: Request) -> None:
    """Refuse the query parameters this operation does not take, each named."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    known = _KNOWN.get(id(route))
    if known is None:
        known = _KNOWN[id(route)] = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise InvalidInput(
            "the request has query parameters this operation does not take",
            [
                Violation(name, f"unknown query parameter; this operation takes: {takes}")
                for name in unknown
            ],
        )


def public_router(
    *,
    prefix: str = "/v1",
    tags: Sequence[str] = (),
    responses: dict[int | str, dict[str, Any]] | None = None,
) -> APIRouter:
    """A router of the public API: readable operation ids, problems documented, strict query."""
    return APIRouter(
        prefix=prefix,
        tags=list(tags),
        responses={**PROBLEMS, **(responses or {})},
        generate_unique_id_function=operation_id,
        dependencies=[Depends(known_query_only)],
    )


REQUEST_ID = {
    "description": "the request's correlation id: yours if you sent a UUID as X-Request-ID, "
    "else one the gateway made; every service's logs carry it",
    "schema": {"type": "string", "format": "uuid"},
}
RETRY_AFTER = {
    "description": "seconds to wait before retrying",
    "schema": {"type": "integer", "minimum": 0},
}
REPLAYED = {
    "description": "true when this answer is the one stored for the same Idempotency-Key: "
    "nothing new was lodged",
    "schema": {"type": "string", "enum": ["true"]},
}
LOCATION = {"description": "the new resource's URL", "schema": {"type": "string"}}


def published(document: dict[str, Any]) -> dict[str, Any]:
    """The document as the gateway serves it: problem+json errors, its server, licence and
    the headers of its responses."""
    document = served_as_problem_json(document)
    document["servers"] = [{"url": "/", "description": "the gateway serving this document"}]
    document["info"]["license"] = {"name": "Apache-2.0", "identifier": "Apache-2.0"}
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                headers = response.setdefault("headers", {})
                headers["X-Request-ID"] = REQUEST_ID
                if status in ("429", "503", "504"):
                    headers["Retry-After"] = RETRY_AFTER
                if status == "201" and method == "post" and path == "/v1/declarations":
                    headers["Location"] = LOCATION
                    headers["Idempotent-Replayed"] = REPLAYED
    return document

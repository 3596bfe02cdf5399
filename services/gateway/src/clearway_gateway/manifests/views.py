"""The manifest import: a whole train or convoy from one CSV or XLSX file."""

import json
from typing import Annotated, Any

from fastapi import Header, Query, Request, Response

from clearway_contracts.problems import PROBLEM_JSON, Problem
from clearway_gateway.deps import ForwarderDep, OfficesDep, ProxyDep
from clearway_gateway.forwarding.contract import public_router
from clearway_gateway.forwarding.problem_responses import ProblemDetails
from clearway_gateway.forwarding.upstream import Reply
from clearway_gateway.manifests import files, service
from clearway_gateway.manifests.examples import CSV_EXAMPLE
from clearway_gateway.manifests.models import MAX_PER_DECLARATION
from clearway_gateway.manifests.report import ManifestImport
from clearway_platform.clock import system_clock

# A 256-car manifest is about 40 KB as CSV, 30 KB as XLSX; 5,000 rows stay under 1 MiB.
MAX_BYTES = 2 * 1024 * 1024

router = public_router(
    prefix="/v1/manifests",
    tags=["manifests"],
    responses={
        413: {"description": f"the file is over {MAX_BYTES} bytes", "model": ProblemDetails},
        415: {"description": "neither CSV nor XLSX", "model": ProblemDetails},
    },
)

_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "the manifest file (docs/manifests.md): CSV, or XLSX with the sheets "
        "consignment and vehicles",
        "content": {
            files.CSV: {"schema": {"type": "string"}, "example": CSV_EXAMPLE},
            files.XLSX: {"schema": {"type": "string", "contentMediaType": files.XLSX}},
        },
    }
}


@router.post(
    "",
    status_code=201,
    summary="Import a manifest: a whole train or convoy",
    description="Checks every row and answers every fault at once (`rows[12].vin`, "
    "`consignment.transport.mode`, `columns.colour`), lodging nothing if any; else lodges the "
    "vehicles as one declaration, or several of at most `items_per_declaration` items, each "
    "under a key derived from the Idempotency-Key: a retry with the same key and file lodges "
    "nothing twice and answers the same declarations. `dry_run=true` checks and answers 200 "
    "with the declarations it would lodge.",
    response_model=ManifestImport,
    responses={
        200: {"description": "dry run: the declarations it would lodge", "model": ManifestImport}
    },
    openapi_extra=_BODY,
)
async def import_manifest(
    request: Request,
    caller: ForwarderDep,
    proxy: ProxyDep,
    offices: OfficesDep,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=180,
            description="required unless dry_run: retry safely, one set of declarations per key",
        ),
    ] = None,
    dry_run: Annotated[bool, Query(description="check only: lodge nothing")] = False,
    items_per_declaration: Annotated[
        int, Query(ge=1, le=MAX_PER_DECLARATION, description="split longer manifests")
    ] = MAX_PER_DECLARATION,
) -> Response:
    assert caller.tenant is not None  # every forwarder has its declarant
    content = await _body(request)
    try:
        manifest = files.read(content, request.headers.get("Content-Type"))
    except files.UnsupportedFormat as exc:
        raise Problem(415, "Unsupported Media Type", str(exc)) from None

    async def lodge(body: bytes, key: str) -> Reply:
        return await proxy.post("declaration", "/v1/declarations", body=body, idempotency_key=key)

    try:
        answer = await service.import_manifest(
            manifest=manifest,
            tenant=caller.tenant,
            offices=await offices.offices(),
            lodge=lodge,
            idempotency_key=idempotency_key,
            dry_run=dry_run,
            per_declaration=items_per_declaration,
            at=system_clock(),
        )
    except service.PartRefused as refused:
        refused.body["instance"] = request.url.path
        return Response(
            json.dumps(refused.body),
            status_code=refused.status,
            headers={**refused.headers, "Content-Type": PROBLEM_JSON},
        )
    headers = {"Idempotent-Replayed": "true"} if answer.replayed else {}
    return Response(
        answer.model_dump_json(),
        status_code=200 if dry_run else 201,
        media_type="application/json",
        headers=headers,
    )


async def _body(request: Request) -> bytes:
    declared = request.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BYTES:
        raise _too_large()
    content = bytearray()
    async for chunk in request.stream():
        content += chunk
        if len(content) > MAX_BYTES:
            raise _too_large()
    return bytes(content)


def _too_large() -> Problem:
    return Problem(413, "Content Too Large", f"a manifest file is at most {MAX_BYTES} bytes")

"""The public code-list API, served by the declaration service: an admin publishes a list's
next version; anyone signed in reads the current or any version (the allowed values)."""

from typing import Annotated

from fastapi import Path, Response

from clearway_contracts.declaration_form import CodeListName
from clearway_gateway.codelists.schemas import CodeList, PublishedCodeList
from clearway_gateway.deps import CallerDep, ProxyDep
from clearway_gateway.forwarding.contract import public_router

router = public_router(prefix="/v1/code-lists", tags=["code lists"])
Version = Annotated[int, Path(ge=1, le=2**31 - 1, examples=[2])]
DECLARATION = "declaration"


@router.post(
    "/{name}",
    status_code=201,
    summary="Publish a code list's next version (admins)",
    description="Declarations on the export form are checked with it from the next lodging.",
    response_model=PublishedCodeList,
)
async def publish_code_list(
    name: CodeListName, body: CodeList, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(DECLARATION)


@router.get(
    "/{name}/current",
    summary="The version of a code list in force",
    response_model=PublishedCodeList,
)
async def get_current_code_list(name: CodeListName, caller: CallerDep, proxy: ProxyDep) -> Response:
    return await proxy.forward(DECLARATION)


@router.get(
    "/{name}/{version}",
    summary="A code-list version",
    response_model=PublishedCodeList,
)
async def get_code_list(
    name: CodeListName, version: Version, caller: CallerDep, proxy: ProxyDep
) -> Response:
    return await proxy.forward(DECLARATION)

"""Code-list administration: publish a list's next version; read the current or any version."""

from typing import Annotated

from fastapi import APIRouter, Path, status
from pydantic import BaseModel

from clearway_contracts.declaration_form import CodeListName
from clearway_declaration.codelists import service
from clearway_declaration.codelists.models import CodeList
from clearway_declaration.deps import AdminDep, CallerDep, ClockDep, UowDep

router = APIRouter(prefix="/v1/code-lists", tags=["code lists"])
Version = Annotated[int, Path(ge=1, le=2**31 - 1)]


class PublishedCodeList(BaseModel):
    name: CodeListName
    version: int
    list: CodeList


@router.post(
    "/{name}",
    status_code=status.HTTP_201_CREATED,
    summary="Publish a code list's next version; declarations are checked with it from now on",
)
async def publish(
    name: CodeListName, document: CodeList, uow: UowDep, caller: AdminDep, clock: ClockDep
) -> PublishedCodeList:
    version = await service.publish(
        uow=uow, name=name, document=document, actor=caller.actor, clock=clock
    )
    return PublishedCodeList(name=name, version=version, list=document)


@router.get("/{name}/current", summary="The version of a code list in force")
async def current(name: CodeListName, uow: UowDep, caller: CallerDep) -> PublishedCodeList:
    version, found = await service.get(uow=uow, name=name)
    return PublishedCodeList(name=name, version=version, list=found)


@router.get("/{name}/{version}", summary="A code-list version, as published")
async def by_version(
    name: CodeListName, version: Version, uow: UowDep, caller: CallerDep
) -> PublishedCodeList:
    version, found = await service.get(uow=uow, name=name, version=version)
    return PublishedCodeList(name=name, version=version, list=found)

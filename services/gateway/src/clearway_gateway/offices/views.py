"""HTTP API of customs offices: anyone signed in reads them, admins change them."""

from typing import Annotated

from fastapi import APIRouter, Body, Path

from clearway_gateway.deps import AdminDep, CallerDep, OfficesDep, UowDep
from clearway_gateway.forwarding.problem_responses import PROBLEMS
from clearway_gateway.offices import service
from clearway_gateway.offices.schemas import ALASHANKOU_EXAMPLE, OfficeBody, OfficeView
from clearway_platform.clock import system_clock
from clearway_platform.domain_errors import NotFound

router = APIRouter(prefix="/v1/offices", tags=["offices"], responses=PROBLEMS)


OfficeCode = Annotated[str, Path(pattern=r"^\d{4}$", examples=["8021"])]


@router.get("", summary="Customs offices, and whether each is open now")
async def list_offices(offices: OfficesDep, caller: CallerDep) -> list[OfficeView]:
    known = await offices.offices()
    now = system_clock()
    return [
        OfficeView.of(office, at=now)
        for office in sorted(known.values(), key=lambda office: office.code)
    ]


@router.get("/{code}", summary="A customs office, open now or when it next opens")
async def read_office(code: OfficeCode, offices: OfficesDep, caller: CallerDep) -> OfficeView:
    office = (await offices.offices()).get(code)
    if office is None:
        raise NotFound(f"customs office {code}")
    return OfficeView.of(office, at=system_clock())


@router.get("/{code}/versions", summary="Every version of an office (admin)")
async def office_versions(code: OfficeCode, uow: UowDep, caller: AdminDep) -> list[OfficeView]:
    now = system_clock()
    return [
        OfficeView.of(office, at=now) for office in await service.office_history(uow=uow, code=code)
    ]


@router.put("/{code}", summary="Add or change an office: a new version (admin)")
async def put_office(
    code: OfficeCode,
    body: Annotated[OfficeBody, Body(examples=[ALASHANKOU_EXAMPLE])],
    offices: OfficesDep,
    uow: UowDep,
    caller: AdminDep,
) -> OfficeView:
    saved = await service.put_office(uow=uow, office=body.office(code), changed_by=caller.actor)
    offices.invalidate()
    return OfficeView.of(saved, at=system_clock())

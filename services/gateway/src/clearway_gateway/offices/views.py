"""HTTP API of customs offices: anyone signed in reads them, admins change them."""

from typing import Annotated

from fastapi import Body, Path

from clearway_gateway.deps import AdminDep, CallerDep, OfficesDep, UowDep
from clearway_gateway.forwarding.contract import public_router
from clearway_gateway.offices import service
from clearway_gateway.offices.schemas import ALASHANKOU_EXAMPLE, OfficeBody, OfficePage, OfficeView
from clearway_platform.clock import system_clock
from clearway_platform.domain_errors import NotFound
from clearway_platform.pagination import page_of
from clearway_platform.web.fields import Cursor, Limit

router = public_router(prefix="/v1/offices", tags=["offices"])


OfficeCode = Annotated[str, Path(pattern=r"^[0-9]{4}$", examples=["8021"])]


@router.get("", summary="Customs offices, and whether each is open now")
async def list_offices(
    offices: OfficesDep, caller: CallerDep, cursor: Cursor = None, limit: Limit = 50
) -> OfficePage:
    now = system_clock()
    return OfficePage.model_validate(
        page_of(
            [OfficeView.of(office, at=now) for office in (await offices.offices()).values()],
            key=lambda office: (office.code,),
            cursor=cursor,
            limit=limit,
        ),
        from_attributes=True,
    )


@router.get("/{code}", summary="A customs office, open now or when it next opens")
async def get_office(code: OfficeCode, offices: OfficesDep, caller: CallerDep) -> OfficeView:
    office = (await offices.offices()).get(code)
    if office is None:
        raise NotFound(f"customs office {code}")
    return OfficeView.of(office, at=system_clock())


@router.get("/{code}/versions", summary="Every version of an office (admin)")
async def list_office_versions(
    code: OfficeCode, uow: UowDep, caller: AdminDep, cursor: Cursor = None, limit: Limit = 50
) -> OfficePage:
    now = system_clock()
    return OfficePage.model_validate(
        page_of(
            [
                OfficeView.of(office, at=now)
                for office in await service.office_history(uow=uow, code=code)
            ],
            key=lambda office: (f"{office.version:010d}",),
            cursor=cursor,
            limit=limit,
        ),
        from_attributes=True,
    )


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

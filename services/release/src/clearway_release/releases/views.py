"""Reading a declaration's release: the decision, the notice, the transit, the exits."""

from uuid import UUID

from fastapi import APIRouter

from clearway_release.deps import ReadScopeDep, UowDep
from clearway_release.releases import service
from clearway_release.releases.schemas import ReleaseOut

router = APIRouter(prefix="/v1/releases", tags=["releases"])


@router.get("/{declaration_id}", summary="A declaration's release, transit and exits")
async def get_release(declaration_id: UUID, uow: UowDep, scope: ReadScopeDep) -> ReleaseOut:
    tenant, office = scope
    record = await service.find_release(
        uow=uow, declaration_id=declaration_id, tenant=tenant, office=office
    )
    return ReleaseOut.of(record)

"""The dependencies of the inspection service's views: the clock, and who acts where."""

from typing import Annotated

from fastapi import Depends

from clearway_contracts.events.common import AeoLevel
from clearway_contracts.identity import Caller, Role
from clearway_inspection.sites import service as sites
from clearway_platform.domain_errors import Forbidden
from clearway_platform.web.deps import CallerDep, ClockDep, UowDep, role

__all__ = [
    "AdminDep",
    "AeoLevelDep",
    "CallerDep",
    "ClockDep",
    "DeclarantDep",
    "ForwarderDep",
    "InspectorDep",
    "InspectorSiteDep",
    "OfficerDep",
    "OfficerOfficeDep",
    "ReaderDep",
    "SiteScopeDep",
    "TenantScopeDep",
    "UowDep",
]

ForwarderDep = Annotated[Caller, Depends(role(Role.FORWARDER))]
AdminDep = Annotated[Caller, Depends(role(Role.ADMIN))]
ReaderDep = Annotated[Caller, Depends(role(Role.ADMIN, Role.OFFICER))]  # rule sets, decisions
OfficerDep = Annotated[Caller, Depends(role(Role.OFFICER))]
InspectorDep = Annotated[Caller, Depends(role(Role.INSPECTOR))]


async def declarant_of(caller: ForwarderDep) -> str:
    """Only a forwarder acts for a declarant: its tenant."""
    assert caller.tenant is not None  # a forwarder's identity always names its tenant
    return caller.tenant


async def officer_office(caller: OfficerDep) -> str:
    """The customs office an officer acts for."""
    if not caller.office:
        raise Forbidden("this needs an officer of a customs office")
    return caller.office


async def inspector_site(caller: InspectorDep) -> str:
    """The site an inspector's tablet works at."""
    if not caller.site:
        raise Forbidden("an inspector needs an inspection site in their identity")
    return caller.site


async def tenant_scope(caller: CallerDep) -> str | None:
    """A forwarder reads its own appointments; officers and inspectors read any."""
    return caller.tenant if caller.role is Role.FORWARDER else None


async def aeo_level_of(caller: CallerDep) -> AeoLevel:
    """Booking lead times depend on it; unknown levels get the strictest rule."""
    try:
        return AeoLevel(caller.aeo_level or "")
    except ValueError:
        return AeoLevel.REGISTERED


async def site_scope(site_id: str, caller: CallerDep, uow: UowDep) -> str:
    """A gate system or officer of the site's office, an inspector of the site, or an admin
    may check vehicles in at ``site_id``."""
    if caller.role is Role.ADMIN:
        return site_id
    if caller.role is Role.INSPECTOR and caller.site == site_id:
        return site_id
    site = await sites.get_site(uow=uow, site_id=site_id)
    if caller.role is Role.OFFICER and caller.office == site.office:
        return site_id
    raise Forbidden(f"checking in at {site_id} needs its office or site scope")


DeclarantDep = Annotated[str, Depends(declarant_of)]
OfficerOfficeDep = Annotated[str, Depends(officer_office)]
InspectorSiteDep = Annotated[str, Depends(inspector_site)]
TenantScopeDep = Annotated[str | None, Depends(tenant_scope)]
AeoLevelDep = Annotated[AeoLevel, Depends(aeo_level_of)]
SiteScopeDep = Annotated[str, Depends(site_scope)]

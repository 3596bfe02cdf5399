"""The dependencies of the release service's views: the clock, and who may see or act."""

from typing import Annotated

from fastapi import Depends, Query

from clearway_contracts.identity import Caller, Role
from clearway_platform.domain_errors import Forbidden, InvalidInput
from clearway_platform.web.deps import CallerDep, ClockDep, UowDep, require_role, role

__all__ = ["CallerDep", "ClockDep", "ExitOfficeDep", "OfficerDep", "ReadScopeDep", "UowDep"]

OfficerDep = Annotated[Caller, Depends(role(Role.OFFICER))]


async def officer_office(caller: OfficerDep) -> str:
    """The office of an officer acting at a port; only officers act here."""
    return _office(caller)


async def read_scope(caller: CallerDep) -> tuple[str | None, str | None]:
    """(tenant, office) a reader is limited to: a forwarder its own declarations, an officer
    or inspector those of their office, an admin everything."""
    if caller.role is Role.ADMIN:
        return None, None
    if caller.role is Role.FORWARDER:
        return caller.tenant, None
    return None, _office(caller)


async def exit_office(
    caller: CallerDep,
    office: Annotated[str | None, Query(description="admin only: the exit office")] = None,
) -> str:
    """The exit office whose transits to list: an officer's own, or the one an admin names."""
    if caller.role is not Role.ADMIN:
        require_role(caller, Role.OFFICER)
        return _office(caller)
    if office is None:
        raise InvalidInput.at("office", "an admin names the exit office to list")
    return office


def _office(caller: Caller) -> str:
    if not caller.office:
        raise Forbidden(f"a {caller.role} needs a customs office in their identity")
    return caller.office


OfficerOfficeDep = Annotated[str, Depends(officer_office)]
ReadScopeDep = Annotated[tuple[str | None, str | None], Depends(read_scope)]
ExitOfficeDep = Annotated[str, Depends(exit_office)]

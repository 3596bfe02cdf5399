"""The dependencies of the declaration service's views: who acts, and for which declarant."""

from typing import Annotated

from fastapi import Depends

from clearway_contracts.identity import Caller, Role
from clearway_platform.web.deps import CallerDep, ClockDep, UowDep, role

__all__ = [
    "AdminDep",
    "CallerDep",
    "ClockDep",
    "DeclarantDep",
    "ForwarderDep",
    "TenantScopeDep",
    "UowDep",
]

_forwarder = role(Role.FORWARDER)
ForwarderDep = Annotated[Caller, Depends(_forwarder)]
AdminDep = Annotated[Caller, Depends(role(Role.ADMIN))]


async def declarant_of(caller: ForwarderDep) -> str:
    """Only a forwarder acts for a declarant: its tenant."""
    assert caller.tenant is not None  # a forwarder's identity always names its tenant
    return caller.tenant


async def tenant_scope(caller: CallerDep) -> str | None:
    """Forwarders read their own declarations; officers, inspectors and admins read any."""
    return caller.tenant if caller.role is Role.FORWARDER else None


DeclarantDep = Annotated[str, Depends(declarant_of)]
TenantScopeDep = Annotated[str | None, Depends(tenant_scope)]

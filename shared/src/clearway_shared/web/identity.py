"""Who is calling: the identity the gateway authenticated and forwards in headers.

Services sit behind the gateway and are not reachable from outside the cluster, so they trust
these headers; the gateway strips any a client sends itself.
"""

from dataclasses import dataclass
from enum import StrEnum

from fastapi import Request

from clearway_shared.problems import Problem


class Role(StrEnum):
    FORWARDER = "forwarder"
    INSPECTOR = "inspector"
    OFFICER = "officer"
    ADMIN = "admin"


ROLE_HEADER = "X-Clearway-Role"
TENANT_HEADER = "X-Clearway-Tenant"
ACTOR_HEADER = "X-Clearway-Actor"
OFFICE_HEADER = "X-Clearway-Office"
SITE_HEADER = "X-Clearway-Site"
AEO_HEADER = "X-Clearway-Aeo-Level"


@dataclass(frozen=True)
class Caller:
    role: Role
    actor: str
    tenant: str | None = None
    office: str | None = None
    site: str | None = None
    aeo_level: str | None = None

    def require(self, *roles: Role) -> None:
        if self.role not in roles:
            raise Problem(403, "Forbidden", f"this needs the role {' or '.join(roles)}")

    def headers(self) -> dict[str, str]:
        """The same identity as headers, for a call to another service or in tests."""
        values = {
            ROLE_HEADER: self.role.value,
            ACTOR_HEADER: self.actor,
            TENANT_HEADER: self.tenant,
            OFFICE_HEADER: self.office,
            SITE_HEADER: self.site,
            AEO_HEADER: self.aeo_level,
        }
        return {name: value for name, value in values.items() if value}


async def caller_from_request(request: Request) -> Caller:
    headers = request.headers
    try:
        role = Role(headers.get(ROLE_HEADER, ""))
    except ValueError:
        raise Problem(401, "Unauthorized", f"missing or unknown {ROLE_HEADER}") from None
    if role is Role.FORWARDER and not headers.get(TENANT_HEADER):
        raise Problem(401, "Unauthorized", f"a forwarder call needs {TENANT_HEADER}")
    return Caller(
        role=role,
        actor=headers.get(ACTOR_HEADER) or headers.get(TENANT_HEADER) or role.value,
        tenant=headers.get(TENANT_HEADER),
        office=headers.get(OFFICE_HEADER),
        site=headers.get(SITE_HEADER),
        aeo_level=headers.get(AEO_HEADER),
    )

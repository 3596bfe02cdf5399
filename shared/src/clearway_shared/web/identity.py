"""Who is calling: the identity the gateway authenticated, as every service sees it.

It arrives as the claims of a token the gateway signed (clearway_shared.web.identity_token);
a service trusts nothing else, least of all a header a client could have set.
"""

from dataclasses import dataclass
from enum import StrEnum

from clearway_shared.problems import Problem


class Role(StrEnum):
    FORWARDER = "forwarder"
    INSPECTOR = "inspector"
    OFFICER = "officer"
    ADMIN = "admin"


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

"""Who is calling: the identity the gateway authenticated, as every service sees it.

It arrives as the claims of a token the gateway signed, in one header. The shape is the
contract between the gateway and the services: the header, the issuer, the algorithm and the
claim names below. Minting and verifying tokens take keys and a JWT library, so they are the
platform's (``clearway_platform.web.identity_token``); a service trusts nothing else, least of
all a header a client could have set.
"""

from dataclasses import dataclass
from enum import StrEnum

IDENTITY_HEADER = "X-Clearway-Identity"
ISSUER = "clearway-gateway"
ALGORITHM = "EdDSA"  # Ed25519: the gateway signs, the services can only verify
# Claim names beside the registered ones (iss, aud, iat, exp, sub = the actor).
ROLE, TENANT, OFFICE, SITE, AEO_LEVEL = "role", "tenant", "office", "site", "aeo"


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

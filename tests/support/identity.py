"""Calling a service as the gateway would: identity tokens signed with a test key pair.

Every service fixture trusts ``GATEWAY_KEYS.public_pem`` (``gateway_public_keys``), and a
gateway under test signs with ``GATEWAY_KEYS.private_pem``; ``as_gateway`` mints a fresh token
on each request, so a slow test never sends an expired one.
"""

from collections.abc import Generator
from typing import Any

import httpx
import jwt

from clearway_contracts.identity import Caller
from clearway_platform.signing_keys import new_key_pair
from clearway_platform.web.identity_token import IDENTITY_HEADER, IdentityMinter, IdentityVerifier

GATEWAY_KEYS = new_key_pair()
_MINTER = IdentityMinter(GATEWAY_KEYS.private_pem)


def identity_settings() -> dict[str, Any]:
    """The settings a service needs to trust the test gateway."""
    return {"gateway_public_keys": [GATEWAY_KEYS.public_pem]}


def gateway_settings() -> dict[str, Any]:
    """The settings a gateway needs to sign as the test gateway (and a strong HS256 secret)."""
    return {
        "internal_signing_key": GATEWAY_KEYS.private_pem,
        "jwt_secret": "test-only-" + "0123456789abcdef" * 3,
    }


def identity_token(caller: Caller, audience: str) -> str:
    return _MINTER.token(caller, audience)


def as_gateway(caller: Caller, audience: str) -> "GatewayIdentity":
    """httpx auth (``auth=as_gateway(...)``): ``caller``'s identity, signed for ``audience``."""
    return GatewayIdentity(caller, audience)


class GatewayIdentity(httpx.Auth):
    """Each request carries the caller's identity token, minted when it is sent."""

    def __init__(self, caller: Caller, audience: str) -> None:
        self.caller = caller
        self.audience = audience

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[IDENTITY_HEADER] = identity_token(self.caller, self.audience)
        yield request


def identity_sent(headers: dict[str, str], audience: str | None = None) -> Caller:
    """The caller a request's headers prove to ``audience`` (what a stub service received);
    without one, to the service the token names."""
    token = headers[IDENTITY_HEADER.lower()]
    audience = audience or jwt.decode(token, options={"verify_signature": False})["aud"]
    verifier = IdentityVerifier(audience=audience, public_keys=[GATEWAY_KEYS.public_pem])
    return verifier.caller(token)

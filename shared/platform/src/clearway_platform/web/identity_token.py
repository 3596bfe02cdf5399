"""The proof of who is calling, from the gateway to a service: a short-lived signed JWT.

The gateway authenticates a client (API key, bearer token) and signs the resulting identity
with its Ed25519 private key, for one service (the audience) and about a minute and a half
(the lifetime). A service verifies the signature against the gateway's public keys (several,
for rotation), the audience (its own name), the issuer and the expiry; it can verify but never
mint. The token travels in one header, ``X-Clearway-Identity``.

Both sides stay off the hot path: the gateway reuses a token per (identity, audience) for
half its lifetime, and a service remembers a token it verified until it expires, so a steady
stream of requests costs no signature work per request.
"""

import time
from collections.abc import Callable, Iterable
from typing import Any

import jwt

from clearway_contracts.identity import (
    AEO_LEVEL,
    ALGORITHM,
    IDENTITY_HEADER,
    ISSUER,
    OFFICE,
    ROLE,
    SITE,
    TENANT,
    Caller,
    Role,
)
from clearway_platform.signing_keys import key_id, load_private_key, load_public_key

__all__ = ["IDENTITY_HEADER", "IdentityMinter", "IdentityVerifier", "InvalidIdentity"]

LIFETIME_SECONDS = 90
LEEWAY_SECONDS = 5

Clock = Callable[[], float]


class InvalidIdentity(Exception):
    """The identity token cannot be trusted; the message says why, without key material."""


class IdentityMinter:
    """The gateway's side: a signed token for a caller and the service it calls."""

    def __init__(
        self,
        private_key_pem: str,
        *,
        issuer: str = ISSUER,
        lifetime: int = LIFETIME_SECONDS,
        clock: Clock = time.time,
        max_cached: int = 10_000,
    ) -> None:
        self._key = load_private_key(private_key_pem)
        self._headers = {"kid": key_id(self._key.public_key())}
        self._issuer = issuer
        self._lifetime = lifetime
        self._clock = clock
        self._max_cached = max_cached
        self._tokens: dict[tuple[Caller, str], tuple[str, float]] = {}

    def token(self, caller: Caller, audience: str) -> str:
        now = self._clock()
        cached = self._tokens.get((caller, audience))
        if cached is not None and now < cached[1]:
            return cached[0]
        token = self._sign(caller, audience, int(now))
        if len(self._tokens) >= self._max_cached:
            self._tokens.clear()
        # Reused for half its lifetime, so whoever receives it has at least the other half.
        self._tokens[(caller, audience)] = (token, now + self._lifetime / 2)
        return token

    def _sign(self, caller: Caller, audience: str, now: int) -> str:
        claims: dict[str, Any] = {
            "iss": self._issuer,
            "aud": audience,
            "iat": now,
            "exp": now + self._lifetime,
            "sub": caller.actor,
            ROLE: caller.role.value,
            TENANT: caller.tenant,
            OFFICE: caller.office,
            SITE: caller.site,
            AEO_LEVEL: caller.aeo_level,
        }
        payload = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode(payload, self._key, algorithm=ALGORITHM, headers=self._headers)


class IdentityVerifier:
    """A service's side: the caller a token proves, or InvalidIdentity."""

    def __init__(
        self,
        *,
        audience: str,
        public_keys: Iterable[str],
        issuer: str = ISSUER,
        leeway: int = LEEWAY_SECONDS,
        clock: Clock = time.time,
        max_cached: int = 10_000,
    ) -> None:
        loaded = [load_public_key(pem) for pem in public_keys]
        if not loaded:
            raise ValueError("no gateway public key to verify identities with")
        self._keys = {key_id(key): key for key in loaded}
        self._audience = audience
        self._issuer = issuer
        self._leeway = leeway
        self._clock = clock
        self._max_cached = max_cached
        self._verified: dict[str, tuple[Caller, float]] = {}

    def caller(self, token: str) -> Caller:
        now = self._clock()
        known = self._verified.get(token)
        if known is not None:
            caller, expires = known
            if now <= expires + self._leeway:
                return caller
            del self._verified[token]
        caller, expires = self._verify(token, now)
        self._remember(token, caller, expires, now)
        return caller

    def _verify(self, token: str, now: float) -> tuple[Caller, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise InvalidIdentity("the identity token is not a JWT") from None
        if header.get("alg") != ALGORITHM:
            raise InvalidIdentity(f"identity tokens are signed with {ALGORITHM}")
        key = self._keys.get(str(header.get("kid")))
        if key is None:
            raise InvalidIdentity("the identity token is signed by an unknown key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                # Times are checked below against this verifier's clock, the cache's too.
                options={
                    "require": ["iss", "aud", "iat", "exp", "sub", ROLE],
                    "verify_exp": False,
                    "verify_iat": False,
                },
            )
        except jwt.InvalidAudienceError:
            raise InvalidIdentity("the identity token is for another service") from None
        except jwt.InvalidTokenError as exc:
            raise InvalidIdentity(f"the identity token does not verify ({exc})") from None
        issued, expires = _number(claims["iat"]), _number(claims["exp"])
        if now > expires + self._leeway:
            raise InvalidIdentity("the identity token has expired")
        if issued > now + self._leeway:
            raise InvalidIdentity("the identity token is issued in the future")
        return _caller(claims), expires

    def _remember(self, token: str, caller: Caller, expires: float, now: float) -> None:
        if len(self._verified) >= self._max_cached:
            self._verified = {
                kept: entry
                for kept, entry in self._verified.items()
                if now <= entry[1] + self._leeway
            }
            if len(self._verified) >= self._max_cached:
                self._verified.clear()
        self._verified[token] = (caller, expires)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidIdentity("the identity token's times are not numbers")
    return float(value)


def _caller(claims: dict[str, Any]) -> Caller:
    try:
        role = Role(claims[ROLE])
    except ValueError:
        raise InvalidIdentity(
            f"the identity token names an unknown role {claims[ROLE]!r}"
        ) from None
    if role is Role.FORWARDER and not claims.get(TENANT):
        raise InvalidIdentity("a forwarder's identity token needs its tenant")
    return Caller(
        role=role,
        actor=str(claims["sub"]),
        tenant=claims.get(TENANT),
        office=claims.get(OFFICE),
        site=claims.get(SITE),
        aeo_level=claims.get(AEO_LEVEL),
    )

"""JWT bearer tokens of inspectors, exit-port officers and admins (PyJWT).

Signature, expiry, issuer and audience are checked; the role and its office/site scope come
from claims. Verification keys are configured: RS256 public keys (several, for rotation), where
an identity provider signs the tokens, and an HS256 secret only where one is set explicitly
(``make run`` generates one); nothing is accepted with a key that is not configured.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import jwt

from clearway_contracts.input_policy import text_fault

# Who needs which scope claims.
SCOPE_CLAIMS = {"inspector": ("office", "site"), "officer": ("office",), "admin": ()}
_LEEWAY = timedelta(seconds=30)


class TokenError(Exception):
    """The token cannot be trusted; the message says why, without leaking key material."""


@dataclass(frozen=True)
class TokenKeys:
    audience: str
    issuer: str
    secret: str | None = None
    public_keys: tuple[str, ...] = ()
    private_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class TokenClaims:
    subject: str
    role: str
    office: str | None
    site: str | None
    expires_at: datetime


def issue_token(
    *,
    keys: TokenKeys,
    subject: str,
    role: str,
    now: datetime,
    lifetime: timedelta,
    office: str | None = None,
    site: str | None = None,
) -> str:
    claims = {"role": role, "office": office, "site": site}
    _check_scope({k: v for k, v in claims.items() if v is not None})
    payload: dict[str, Any] = {
        "sub": subject,
        "aud": keys.audience,
        "iss": keys.issuer,
        "iat": now,
        "exp": now + lifetime,
        **{name: value for name, value in claims.items() if value is not None},
    }
    if keys.private_key:
        return jwt.encode(payload, keys.private_key, algorithm="RS256")
    if keys.secret:
        return jwt.encode(payload, keys.secret, algorithm="HS256")
    raise TokenError("no signing key: set GATEWAY_JWT_PRIVATE_KEY or GATEWAY_JWT_SECRET")


def verify_token(token: str, *, keys: TokenKeys) -> TokenClaims:
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
    except jwt.InvalidTokenError:
        raise TokenError("not a JWT") from None
    payload = _decode(token, algorithm, keys)
    _check_types(payload)
    _check_scope(payload)
    return TokenClaims(
        subject=payload["sub"],
        role=payload["role"],
        office=payload.get("office"),
        site=payload.get("site"),
        expires_at=datetime.fromtimestamp(payload["exp"]).astimezone(),
    )


def _decode(token: str, algorithm: object, keys: TokenKeys) -> dict[str, Any]:
    if algorithm == "HS256" and keys.secret:
        candidates: tuple[str, ...] = (keys.secret,)
    elif algorithm == "RS256" and keys.public_keys:
        candidates = keys.public_keys
    else:
        raise TokenError(f"tokens signed with {algorithm} are not accepted here")
    failure: jwt.InvalidTokenError = jwt.InvalidSignatureError("no key")
    for key in candidates:
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=keys.audience,
                issuer=keys.issuer,
                leeway=_LEEWAY,
                options={"require": ["exp", "sub", "aud", "iss", "role"]},
            )
            return payload
        except jwt.InvalidSignatureError as exc:
            failure = exc  # maybe signed with another of the rotated keys
        except jwt.InvalidTokenError as exc:
            raise TokenError(_reason(exc)) from None
    raise TokenError(_reason(failure))


# The latest expiry a token may claim: a signed token is still input (ADR 0026).
_LATEST_EXPIRY = 4_102_444_800  # 2100-01-01T00:00:00Z


def _check_types(claims: dict[str, Any]) -> None:
    """Claims of the wrong type are a malformed token (401), never a crash further on."""
    for name in ("sub", "role"):
        if not _is_claim_text(claims.get(name)):
            raise TokenError(f"the token's {name} claim is not a string")
    for name in ("office", "site"):
        if name in claims and claims[name] is not None and not _is_claim_text(claims[name]):
            raise TokenError(f"the token's {name} claim is not a string")
    expiry = claims.get("exp")
    if isinstance(expiry, bool) or not isinstance(expiry, int | float):
        raise TokenError("the token's exp claim is not a number")
    if not 0 < expiry < _LATEST_EXPIRY:
        raise TokenError("the token's exp claim is out of range")


def _is_claim_text(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 200 and text_fault(value) is None


def _check_scope(claims: dict[str, Any]) -> None:
    role = claims.get("role")
    if role not in SCOPE_CLAIMS:
        raise TokenError(f"unknown role {role!r}; tokens are for {', '.join(SCOPE_CLAIMS)}")
    missing = [name for name in SCOPE_CLAIMS[role] if not claims.get(name)]
    if missing:
        raise TokenError(f"{role} tokens need the claim(s) {', '.join(missing)}")


def _reason(exc: jwt.InvalidTokenError) -> str:
    if isinstance(exc, jwt.ExpiredSignatureError):
        return "the token has expired"
    if isinstance(exc, jwt.InvalidAudienceError):
        return "the token is for another audience"
    if isinstance(exc, jwt.InvalidIssuerError):
        return "the token is from another issuer"
    if isinstance(exc, jwt.InvalidSignatureError):
        return "the token's signature does not verify"
    if isinstance(exc, jwt.MissingRequiredClaimError):
        return f"the token lacks the claim {exc.claim}"
    return "the token is malformed"

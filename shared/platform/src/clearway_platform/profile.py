"""Development or production: the secrets a process may start with.

One environment variable, ``CLEARWAY_PROFILE``, read by every service; production unless it
says ``development``. Only the development profile knows demo credentials (the demo API key);
production refuses to start without real secrets: a missing one, a value published in this
repository, or one too short to resist guessing is named and the process stops.
"""

import math
import string
from typing import Literal

Profile = Literal["development", "production"]
PROFILE_ENV = "CLEARWAY_PROFILE"

# HMAC secrets need at least the strength of their hash: 256 bits for HS256.
MIN_SECRET_BITS = 256
MIN_DISTINCT_CHARACTERS = 8

# Published in this repository or its history: whoever reads it could sign as anyone.
KNOWN_DEVELOPMENT_SECRETS = frozenset(
    {
        "clearway-dev-only-jwt-secret-change-me-0123456789",
        "dev-only-jwt-secret-change-me-0123456789abcdef",
    }
)

_ALPHABETS = (
    string.digits,
    "0123456789abcdef",
    "0123456789ABCDEF",
    string.ascii_lowercase + string.digits,
    string.ascii_letters + string.digits,
    string.ascii_letters + string.digits + "-_",  # base64url, secrets.token_urlsafe
    string.ascii_letters + string.digits + "+/=",  # base64, openssl rand -base64
)


class UnsafeSettings(ValueError):
    """The settings would run this process with a missing or guessable secret."""


def estimated_bits(secret: str) -> float:
    """Entropy of ``secret`` if each character were drawn at random from the smallest usual
    alphabet that holds it (hex, base64, ...): an upper bound, generous to random secrets and
    strict with short ones."""
    used = set(secret)
    size = next((len(alphabet) for alphabet in _ALPHABETS if used <= set(alphabet)), 256)
    return len(secret) * math.log2(size)


def hmac_secret_problem(secret: str) -> str | None:
    """Why ``secret`` may not sign tokens in production, or None if it may."""
    if secret.strip() in KNOWN_DEVELOPMENT_SECRETS:
        return "is a published development value"
    if estimated_bits(secret) < MIN_SECRET_BITS or len(set(secret)) < MIN_DISTINCT_CHARACTERS:
        return (
            f"is too weak: at least {MIN_SECRET_BITS // 8} random bytes are needed "
            "(e.g. `openssl rand -hex 32`)"
        )
    return None

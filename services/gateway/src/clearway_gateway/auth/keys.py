"""Forwarders' API keys: how they look, and how they are stored.

A key reads ``cwk_<key id>_<secret>``. The key id is public (listed, revoked, logged); only a
SHA-256 hash of the whole key is stored. A slow password hash (argon2, bcrypt) protects
low-entropy secrets that people choose; these keys carry 256 random bits, so guessing is
hopeless either way, and a plain SHA-256 gives a unique, indexed lookup in microseconds on
every request.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

PREFIX = "cwk"
_SHAPE = re.compile(rf"^{PREFIX}_([A-Za-z0-9]{{1,32}})_([A-Za-z0-9_-]{{16,128}})$")


@dataclass(frozen=True)
class IssuedKey:
    """A key just made: the only moment its secret is known."""

    key_id: str
    declarant: str
    secret: str


@dataclass(frozen=True)
class ApiKey:
    key_id: str
    declarant: str
    label: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class KeyHolder:
    """Who an active key speaks for: the declarant is the tenant."""

    key_id: str
    declarant: str
    aeo_level: str


def new_key(declarant: str) -> IssuedKey:
    key_id = secrets.token_hex(6)
    return IssuedKey(key_id, declarant, f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}")


def key_id_of(secret: str) -> str | None:
    """The key id a presented key claims, or None if it is not shaped like a key."""
    match = _SHAPE.match(secret)
    return match.group(1) if match else None


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()

"""Use cases of authentication: API keys of forwarders, tokens of officials."""

from clearway_contracts.identity import Caller, Role
from clearway_contracts.problems import Problem
from clearway_gateway.auth import repository
from clearway_gateway.auth.key_cache import KeyCache
from clearway_gateway.auth.keys import (
    ApiKey,
    IssuedKey,
    KeyHolder,
    hash_secret,
    key_id_of,
    new_key,
)
from clearway_gateway.auth.tokens import TokenError, TokenKeys, verify_token
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import InvalidInput, NotFound
from clearway_platform.uow import UnitOfWork


async def create_key(
    *, uow: UnitOfWork, declarant: str, label: str, secret: str | None = None
) -> IssuedKey:
    """A new key for ``declarant``; ``secret`` only for the demo key, which is fixed."""
    async with uow:
        if await repository.declarant(uow.session, declarant) is None:
            raise InvalidInput.at("declarant", f"there is no declarant {declarant}")
        issued = _issued(declarant, secret)
        await repository.add_key(
            uow.session,
            key_id=issued.key_id,
            declarant=declarant,
            label=label,
            secret_hash=hash_secret(issued.secret),
        )
        await uow.commit()
    return issued


async def list_keys(*, uow: UnitOfWork, declarant: str | None = None) -> list[ApiKey]:
    async with uow:
        return await repository.keys(uow.session, declarant=declarant)


async def revoke_key(*, uow: UnitOfWork, key_id: str, clock: Clock = system_clock) -> ApiKey:
    """Revoked at once: the commit notifies every gateway to forget its cached keys."""
    async with uow:
        await _existing(uow, key_id)
        await repository.revoke(uow.session, key_id, at=clock())
        revoked = await _existing(uow, key_id)
        await uow.commit()
    return revoked


async def rotate_key(*, uow: UnitOfWork, key_id: str, clock: Clock = system_clock) -> IssuedKey:
    """A replacement with the same declarant and label; the old key stops working now.

    To roll a key over without a gap, create a second key, deploy it, then revoke the first.
    """
    async with uow:
        old = await _existing(uow, key_id)
        if not old.active:
            raise InvalidInput.at("key_id", f"key {key_id} is revoked; create a new key instead")
        issued = new_key(old.declarant)
        await repository.add_key(
            uow.session,
            key_id=issued.key_id,
            declarant=old.declarant,
            label=old.label,
            secret_hash=hash_secret(issued.secret),
        )
        await repository.revoke(uow.session, key_id, at=clock())
        await uow.commit()
    return issued


async def key_holder(*, uow: UnitOfWork, secret_hash: str) -> KeyHolder | None:
    async with uow:
        return await repository.active_key_holder(uow.session, secret_hash)


async def caller_for_key(*, keys: KeyCache, secret: str) -> Caller:
    holder = await keys.holder(hash_secret(secret))
    if holder is None:
        raise _unauthorized("the API key is unknown or revoked")
    return Caller(
        role=Role.FORWARDER,
        actor=f"key:{holder.key_id}",
        tenant=holder.declarant,
        aeo_level=holder.aeo_level,
    )


def caller_for_token(*, token: str, keys: TokenKeys) -> Caller:
    try:
        claims = verify_token(token, keys=keys)
    except TokenError as exc:
        raise _unauthorized(str(exc)) from None
    return Caller(
        role=Role(claims.role), actor=claims.subject, office=claims.office, site=claims.site
    )


def _issued(declarant: str, secret: str | None) -> IssuedKey:
    if secret is None:
        return new_key(declarant)
    key_id = key_id_of(secret)
    if key_id is None:
        raise InvalidInput.at("secret", "an API key reads cwk_<key id>_<at least 16 characters>")
    return IssuedKey(key_id, declarant, secret)


async def _existing(uow: UnitOfWork, key_id: str) -> ApiKey:
    found = await repository.key(uow.session, key_id)
    if found is None:
        raise NotFound(f"API key {key_id}")
    return found


def _unauthorized(detail: str) -> Problem:
    return Problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})

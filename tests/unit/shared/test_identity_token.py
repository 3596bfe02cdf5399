"""The gateway's signed identities: what a service trusts, and what it refuses."""

import time

import pytest

from clearway_contracts.identity import Caller, Role
from clearway_platform.signing_keys import new_key_pair
from clearway_platform.web.identity_token import IdentityMinter, IdentityVerifier, InvalidIdentity

GATEWAY = new_key_pair()
OFFICER = Caller(Role.OFFICER, actor="officer-hrg", office="8021")
FORWARDER = Caller(Role.FORWARDER, actor="key:1", tenant="6501234567", aeo_level="registered")


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


def release_service(clock: Clock | None = None, *keys: str) -> IdentityVerifier:
    return IdentityVerifier(
        audience="release", public_keys=keys or [GATEWAY.public_pem], clock=clock or time.time
    )


@pytest.mark.parametrize("caller", [OFFICER, FORWARDER], ids=["officer", "forwarder"])
def test_a_service_sees_exactly_the_caller_the_gateway_signed(caller: Caller) -> None:
    token = IdentityMinter(GATEWAY.private_pem).token(caller, audience="release")
    assert release_service().caller(token) == caller


def test_a_token_signed_by_another_key_is_refused() -> None:
    forger = new_key_pair()
    token = IdentityMinter(forger.private_pem).token(OFFICER, audience="release")
    with pytest.raises(InvalidIdentity, match="unknown key"):
        release_service().caller(token)


def test_a_token_for_another_service_is_refused() -> None:
    token = IdentityMinter(GATEWAY.private_pem).token(OFFICER, audience="declaration")
    with pytest.raises(InvalidIdentity, match="another service"):
        release_service().caller(token)


def test_a_token_is_refused_once_expired_even_after_it_was_accepted() -> None:
    clock = Clock()
    minter = IdentityMinter(GATEWAY.private_pem, lifetime=90, clock=clock)
    service = release_service(clock)
    token = minter.token(OFFICER, audience="release")
    assert service.caller(token) == OFFICER
    clock.now += 90 + 60
    with pytest.raises(InvalidIdentity, match="expired"):
        service.caller(token)


def test_the_gateway_keeps_sending_tokens_a_service_accepts_as_time_passes() -> None:
    clock = Clock()
    minter = IdentityMinter(GATEWAY.private_pem, lifetime=90, clock=clock)
    service = release_service(clock)
    for _ in range(20):  # half an hour, one request every 90 s
        assert service.caller(minter.token(OFFICER, audience="release")) == OFFICER
        clock.now += 90


def test_during_a_rotation_tokens_of_the_old_and_the_new_key_verify() -> None:
    new = new_key_pair()
    service = release_service(None, GATEWAY.public_pem, new.public_pem)
    for pair in (GATEWAY, new):
        token = IdentityMinter(pair.private_pem).token(OFFICER, audience="release")
        assert service.caller(token) == OFFICER


UNSIGNED = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."  # {"alg": "none"}


@pytest.mark.parametrize("token", ["", "not-a-jwt", UNSIGNED], ids=["empty", "junk", "none"])
def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(InvalidIdentity):
        release_service().caller(token)


def test_only_an_ed25519_key_can_sign_or_verify() -> None:
    with pytest.raises(ValueError, match="private key"):
        IdentityMinter(GATEWAY.public_pem)
    with pytest.raises(ValueError, match="no gateway public key"):
        IdentityVerifier(audience="release", public_keys=[])

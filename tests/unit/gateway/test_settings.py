"""The gateway's secrets: none by default, and production refuses to start without real ones."""

from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from clearway_contracts.problems import Problem
from clearway_gateway import credentials
from clearway_gateway.app import create_app
from clearway_gateway.auth import service
from clearway_gateway.auth.tokens import TokenKeys, issue_token
from clearway_gateway.settings import DEMO_API_KEY, Settings
from clearway_platform.clock import system_clock
from clearway_platform.profile import UnsafeSettings
from clearway_platform.signing_keys import new_key_pair
from tests.support.identity import gateway_settings

# The HS256 secret the gateway's settings once defaulted to: published, so a forger's key.
PUBLISHED_SECRET = "clearway-dev-only-jwt-secret-change-me-0123456789"
STRONG_SECRET = gateway_settings()["jwt_secret"]
SIGNING_KEY = new_key_pair().private_pem


@pytest.fixture(autouse=True)
def _no_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEARWAY_PROFILE", raising=False)


def production(**changes: Any) -> Settings:
    fields = {"internal_signing_key": SIGNING_KEY, "jwt_secret": STRONG_SECRET}
    return Settings(**{name: value for name, value in (fields | changes).items() if value})


def refusal(settings: Settings) -> str:
    with pytest.raises(UnsafeSettings) as refused:
        create_app(settings)
    return str(refused.value)


def rsa_public_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_production_is_the_default_profile_and_starts_with_real_secrets() -> None:
    settings = production()
    assert settings.profile == "production"
    assert create_app(settings) is not None


def test_production_refuses_to_start_without_the_internal_signing_key() -> None:
    assert "GATEWAY_INTERNAL_SIGNING_KEY is missing" in refusal(production(internal_signing_key=""))


def test_production_refuses_to_start_without_a_way_to_verify_officials_tokens() -> None:
    reason = refusal(production(jwt_secret=""))
    assert "GATEWAY_JWT_PUBLIC_KEYS" in reason
    assert "GATEWAY_JWT_SECRET" in reason


def test_production_refuses_the_published_development_secret() -> None:
    reason = refusal(production(jwt_secret=PUBLISHED_SECRET))
    assert "GATEWAY_JWT_SECRET is a published development value" in reason


@pytest.mark.parametrize(
    "secret",
    ["0123456789abcdef0123456789abcdef", "correct-horse-battery", "a" * 100],
    ids=["16 bytes of hex", "a passphrase", "one letter repeated"],
)
def test_production_refuses_a_weak_secret(secret: str) -> None:
    assert "GATEWAY_JWT_SECRET is too weak" in refusal(production(jwt_secret=secret))


def test_production_refuses_demo_credentials() -> None:
    reason = refusal(production(demo_api_key=DEMO_API_KEY))
    assert "GATEWAY_DEMO_API_KEY" in reason


def test_every_problem_is_named_at_once() -> None:
    reason = refusal(Settings())
    assert "GATEWAY_INTERNAL_SIGNING_KEY" in reason
    assert "GATEWAY_JWT_SECRET" in reason


def test_only_the_development_profile_knows_the_demo_api_key() -> None:
    assert Settings(profile="development").demo_key == DEMO_API_KEY
    assert Settings().demo_key is None


def test_the_profile_is_one_variable_every_service_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEARWAY_PROFILE", "development")
    assert Settings().profile == "development"


def test_hs256_is_refused_unless_a_secret_is_configured() -> None:
    forged = issue_token(
        keys=TokenKeys(audience="clearway", issuer="clearway-gateway", secret=PUBLISHED_SECRET),
        subject="admin",
        role="admin",
        now=system_clock(),
        lifetime=timedelta(minutes=5),
    )
    for settings in (Settings(), Settings(jwt_public_keys=[rsa_public_key()])):
        with pytest.raises(Problem) as refused:
            service.caller_for_token(token=forged, keys=settings.token_keys())
        assert refused.value.status == 401
        assert "HS256" in str(refused.value.detail)


def test_rs256_keys_alone_are_enough_in_production() -> None:
    settings = production(jwt_secret="", jwt_public_keys=[rsa_public_key()])
    assert create_app(settings) is not None


def test_a_broken_key_is_named() -> None:
    reason = refusal(production(internal_signing_key="-----BEGIN PRIVATE KEY-----\nnope"))
    assert "GATEWAY_INTERNAL_SIGNING_KEY is unusable" in reason


def test_operators_issue_tokens_the_gateway_accepts(capsys: pytest.CaptureFixture[str]) -> None:
    settings = production()
    argv = ["tokens", "issue", "--role", "officer", "--office", "8021", "--subject", "li.wei"]
    assert credentials.run(argv, settings) == 0
    token = capsys.readouterr().out.strip()
    caller = service.caller_for_token(token=token, keys=settings.token_keys())
    assert (caller.actor, caller.office) == ("li.wei", "8021")


def test_without_a_signing_key_tokens_issue_says_what_to_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert credentials.run(["tokens", "issue", "--role", "admin"], Settings()) == 1
    assert "GATEWAY_JWT_SECRET" in capsys.readouterr().err

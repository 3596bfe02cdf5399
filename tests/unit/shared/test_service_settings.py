"""What a service needs to start: the gateway's public keys for its API, nothing else secret."""

from pathlib import Path

import pytest
from pydantic_settings import SettingsConfigDict

from clearway_contracts.identity import Caller, Role
from clearway_platform.cli import main
from clearway_platform.profile import UnsafeSettings
from clearway_platform.settings import ServiceSettings
from clearway_platform.signing_keys import new_key_pair
from clearway_platform.web.app import create_service_app
from clearway_platform.web.identity_token import IdentityMinter, IdentityVerifier


class ReleaseSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RELEASE_")
    service_name: str = "release"


def test_an_api_refuses_to_start_without_the_gateways_public_keys() -> None:
    with pytest.raises(UnsafeSettings, match="RELEASE_GATEWAY_PUBLIC_KEYS is missing"):
        create_service_app(settings=ReleaseSettings(), title="release")


def test_an_unusable_key_is_named() -> None:
    settings = ReleaseSettings(gateway_public_keys=[new_key_pair().private_pem])
    with pytest.raises(UnsafeSettings, match="RELEASE_GATEWAY_PUBLIC_KEYS: key 1 is unusable"):
        create_service_app(settings=settings, title="release")


def test_a_relay_or_consumer_process_needs_no_key() -> None:
    settings = ReleaseSettings(roles={"relay", "consumer"})
    assert create_service_app(settings=settings, title="release") is not None


def test_serve_stops_at_once_naming_the_missing_setting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RELEASE_GATEWAY_PUBLIC_KEYS", raising=False)
    code = main(
        service="release",
        settings_factory=ReleaseSettings,
        app_factory="never.started:create_app",
        migrations_dir=Path("."),
        argv=["serve", "--roles", "api"],
    )
    assert code == 2
    assert "RELEASE_GATEWAY_PUBLIC_KEYS is missing" in capsys.readouterr().err


def test_during_a_rotation_the_environment_holds_both_keys_one_after_the_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = new_key_pair(), new_key_pair()
    monkeypatch.setenv("RELEASE_GATEWAY_PUBLIC_KEYS", old.public_pem + new.public_pem)
    settings = ReleaseSettings()
    verifier = IdentityVerifier(audience="release", public_keys=settings.gateway_public_keys)
    officer = Caller(Role.OFFICER, actor="officer-hrg", office="8021")
    for pair in (old, new):
        token = IdentityMinter(pair.private_pem).token(officer, audience="release")
        assert verifier.caller(token) == officer


@pytest.mark.parametrize(("value", "port"), [("off", None), ("", None), ("9101", 9101)])
def test_the_metrics_port_may_be_off(
    monkeypatch: pytest.MonkeyPatch, value: str, port: int | None
) -> None:
    monkeypatch.setenv("RELEASE_METRICS_PORT", value)
    assert ReleaseSettings().metrics_port == port

"""Settings of the gateway (environment variables prefixed ``GATEWAY_``).

No secret has a default. The development profile (``CLEARWAY_PROFILE=development``, what
``make run`` uses) adds the demo API key; production refuses to start without a signing key
for the services and a way to verify officials' tokens, and with a weak HS256 secret.
"""

from typing import ClassVar, Self

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from clearway_gateway.auth.tokens import TokenKeys
from clearway_platform.profile import hmac_secret_problem
from clearway_platform.settings import PemList, Role, ServiceSettings
from clearway_platform.signing_keys import load_private_key

# Published in the README: the development profile's forwarder key, never production's.
DEMO_API_KEY = "cwk_demo6501_Silk-Road-Auto-Export-demo-key-not-for-production"


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    service_name: str = "gateway"
    # The gateway's consumer feeds the statistics read model; it runs only when asked for
    # (GATEWAY_ROLES=api,statistics or a Deployment of its own), never by default.
    consumer_role: ClassVar[Role] = "statistics"
    port: int = 8000
    database_url: str = "postgresql+asyncpg://clearway@127.0.0.1:5432/gateway"

    # The services behind the gateway (reachable only inside the cluster).
    declaration_url: str = "http://127.0.0.1:8001"
    inspection_url: str = "http://127.0.0.1:8002"
    release_url: str = "http://127.0.0.1:8003"
    upstream_connect_timeout_seconds: float = 2.0
    upstream_timeout_seconds: float = 10.0
    upstream_retries: int = Field(2, description="extra attempts for idempotent requests")
    upstream_connections: int = 200
    retry_after_seconds: int = 5
    internal_signing_key: SecretStr | None = Field(
        None, description="Ed25519 private key, PEM: signs each caller's identity for a service"
    )

    # JWT bearer tokens of inspectors, officers and admins. HS256 only with a secret set here.
    jwt_audience: str = "clearway"
    jwt_issuer: str = "clearway-gateway"
    jwt_secret: SecretStr | None = Field(None, description="HS256; unset refuses HS256")
    jwt_public_keys: PemList = Field([], description="RS256 verification keys, PEM")
    jwt_private_key: SecretStr | None = Field(None, description="RS256 key for `tokens issue`")
    token_lifetime_minutes: int = 8 * 60

    # Forwarders' API keys.
    demo_api_key: SecretStr | None = Field(None, description="development profile only")
    rate_limit_per_second: float = 200.0
    rate_limit_burst: int = 400

    hsts_seconds: int = Field(
        0,
        ge=0,
        description="Strict-Transport-Security max-age; set where TLS ends at the gateway's "
        "own origin (0: not sent, as over plain HTTP it means nothing)",
    )

    office_cache_seconds: float = Field(
        5.0, description="how stale another replica's office view may be"
    )

    # Webhooks, delivered by the `webhooks` role (ADR 0032): retried with exponential backoff
    # and jitter for three days; a subscription failing that long is disabled.
    webhook_timeout_seconds: float = Field(10.0, gt=0)
    webhook_retry_base_seconds: float = Field(5.0, gt=0)
    webhook_retry_max_seconds: float = Field(3600.0, gt=0)
    webhook_retry_for_seconds: float = Field(3 * 24 * 3600, gt=0)
    webhook_disable_after_seconds: float = Field(3 * 24 * 3600, gt=0)
    webhook_poll_seconds: float = Field(0.5, gt=0)
    webhook_concurrency: int = Field(50, ge=1)
    webhook_allow_http: bool = Field(
        False, description="plain-HTTP endpoints; the development profile always allows them"
    )

    @model_validator(mode="after")
    def _demo_credentials_in_development(self) -> Self:
        if self.profile == "development" and self.demo_api_key is None:
            self.demo_api_key = SecretStr(DEMO_API_KEY)
        return self

    def token_keys(self) -> TokenKeys:
        return TokenKeys(
            audience=self.jwt_audience,
            issuer=self.jwt_issuer,
            secret=_revealed(self.jwt_secret),
            public_keys=tuple(self.jwt_public_keys),
            private_key=_revealed(self.jwt_private_key),
        )

    @property
    def demo_key(self) -> str | None:
        """The demo forwarder's API key: only in the development profile."""
        return _revealed(self.demo_api_key) if self.profile == "development" else None

    def secret_problems(self) -> list[str]:
        # Not the services' check: the gateway verifies no identity token, it signs them.
        problems = []
        if "api" in self.roles:
            problems += self._signing_key_problems()
        problems += self._jwt_problems()
        if self.profile == "production" and self.demo_api_key is not None:
            problems.append(
                f"{self.env_name('demo_api_key')} is set: demo credentials exist only in the "
                "development profile"
            )
        return problems

    def _signing_key_problems(self) -> list[str]:
        name = self.env_name("internal_signing_key")
        if self.internal_signing_key is None:
            return [f"{name} is missing: the Ed25519 private key (PEM) that signs identities"]
        try:
            load_private_key(self.internal_signing_key.get_secret_value())
        except ValueError as exc:
            return [f"{name} is unusable ({exc})"]
        return []

    def _jwt_problems(self) -> list[str]:
        problems = []
        for number, pem in enumerate(self.jwt_public_keys, start=1):
            try:
                usable = isinstance(load_pem_public_key(pem.encode()), RSAPublicKey)
            except (ValueError, TypeError):
                usable = False
            if not usable:
                problems.append(f"{self.env_name('jwt_public_keys')}: key {number} is no RSA key")
        if self.profile != "production":
            return problems
        secret = _revealed(self.jwt_secret)
        if secret is None and not self.jwt_public_keys:
            problems.append(
                f"{self.env_name('jwt_public_keys')} (RS256) or {self.env_name('jwt_secret')} "
                "(HS256) is missing: officials' tokens could not be verified"
            )
        if secret is not None and (reason := hmac_secret_problem(secret)):
            problems.append(f"{self.env_name('jwt_secret')} {reason}")
        return problems


def _revealed(secret: SecretStr | None) -> str | None:
    return None if secret is None else secret.get_secret_value()

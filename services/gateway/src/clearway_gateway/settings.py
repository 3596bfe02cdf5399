"""Settings of the gateway (environment variables prefixed ``GATEWAY_``)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from clearway_gateway.auth.tokens import TokenKeys
from clearway_shared.settings import ServiceSettings

# Known to everyone who reads this file: for development and demos only.
DEV_JWT_SECRET = "clearway-dev-only-jwt-secret-change-me-0123456789"
DEMO_API_KEY = "cwk_demo6501_Silk-Road-Auto-Export-demo-key-not-for-production"


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    service_name: str = "gateway"
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

    # JWT bearer tokens of inspectors, officers and admins.
    jwt_audience: str = "clearway"
    jwt_issuer: str = "clearway-gateway"
    jwt_secret: str | None = Field(DEV_JWT_SECRET, description="HS256; None to refuse HS256")
    jwt_public_keys: list[str] = Field([], description="RS256 verification keys, PEM")
    jwt_private_key: str | None = Field(None, description="RS256 key for `tokens issue`, PEM")
    token_lifetime_minutes: int = 8 * 60

    # Forwarders' API keys.
    demo_api_key: str = DEMO_API_KEY
    rate_limit_per_second: float = 200.0
    rate_limit_burst: int = 400

    office_cache_seconds: float = Field(
        5.0, description="how stale another replica's office view may be"
    )

    def token_keys(self) -> TokenKeys:
        return TokenKeys(
            audience=self.jwt_audience,
            issuer=self.jwt_issuer,
            secret=self.jwt_secret,
            public_keys=tuple(self.jwt_public_keys),
            private_key=self.jwt_private_key,
        )

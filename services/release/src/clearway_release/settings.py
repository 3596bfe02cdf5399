"""Settings of the release service (environment variables prefixed ``RELEASE_``)."""

from pydantic_settings import SettingsConfigDict

from clearway_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RELEASE_", extra="ignore")

    service_name: str = "release"
    port: int = 8003
    database_url: str = "postgresql+asyncpg://clearway@127.0.0.1:5432/release"
    # How often the overdue watch looks for late transits, and how many it reports per batch.
    overdue_watch_seconds: float = 30.0
    overdue_watch_batch: int = 500

"""Settings of the declaration service (environment variables prefixed ``DECLARATION_``)."""

from pydantic_settings import SettingsConfigDict

from clearway_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DECLARATION_", extra="ignore")

    service_name: str = "declaration"
    port: int = 8001
    database_url: str = "postgresql+asyncpg://clearway@127.0.0.1:5432/declaration"

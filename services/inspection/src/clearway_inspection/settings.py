"""Settings of the inspection service (environment variables prefixed ``INSPECTION_``)."""

from pydantic_settings import SettingsConfigDict

from clearway_platform.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPECTION_", extra="ignore")

    service_name: str = "inspection"
    port: int = 8002
    database_url: str = "postgresql+asyncpg://clearway@127.0.0.1:5432/inspection"
    # A vehicle not checked in by its slot's end plus this grace has missed the appointment.
    missed_grace_minutes: int = 30
    missed_sweep_seconds: float = 30.0

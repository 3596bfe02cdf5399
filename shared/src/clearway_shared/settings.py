"""Settings every service shares; each service subclasses with its own env prefix.

For example ``DECLARATION_DATABASE_URL`` or ``INSPECTION_KAFKA_BOOTSTRAP_SERVERS``. The
variables ``DATABASE_URL`` style per service keep external PostgreSQL and Kafka pluggable.
"""

from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

Role = Literal["api", "relay", "consumer", "worker"]


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLEARWAY_", extra="ignore")

    service_name: str = "clearway"
    database_url: str = "postgresql+asyncpg://clearway@127.0.0.1:5432/clearway"
    database_pool_size: int = 20
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    # Which parts run in this process. One process runs all of them in development;
    # Kubernetes runs each as its own Deployment so they scale apart.
    roles: set[Role] = {"api", "relay", "consumer", "worker"}
    relay_batch_size: int = 500
    relay_poll_seconds: float = 1.0
    consumer_batch_size: int = 500
    # Prefixes every topic name; tests use it to isolate themselves on one broker.
    topic_prefix: str = ""

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"

    @property
    def event_source(self) -> str:
        return f"/clearway/{self.service_name}"

    @property
    def consumer_group(self) -> str:
        return f"{self.topic_prefix}clearway-{self.service_name}"

    @property
    def dead_letter_topic(self) -> str:
        return self.topic(f"clearway.{self.service_name}.dlq")

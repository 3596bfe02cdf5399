"""Settings every service shares; each service subclasses with its own env prefix.

For example ``DECLARATION_DATABASE_URL`` or ``INSPECTION_KAFKA_BOOTSTRAP_SERVERS``. The
variables ``DATABASE_URL`` style per service keep external PostgreSQL and Kafka pluggable.
"""

from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from clearway_shared.events import topology

Role = Literal["api", "relay", "consumer", "worker"]


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLEARWAY_", extra="ignore")

    service_name: str = "clearway"
    database_url: str = "postgresql+asyncpg://clearway@127.0.0.1:5432/clearway"
    database_pool_size: int = 20
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    # Every Kafka client authenticates as the service's own principal (SASL/SCRAM), and the
    # broker's ACLs let it write only its own topics (clearway_shared.events.topology). No
    # default credentials: a service that uses Kafka refuses to start without them.
    # SASL_SSL (TLS on the wire) is for production; kafka_ssl_cafile names the CA to trust
    # (the system's CAs when unset).
    kafka_security_protocol: Literal["SASL_PLAINTEXT", "SASL_SSL"] = "SASL_PLAINTEXT"
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256"] = "SCRAM-SHA-512"
    kafka_username: str = ""
    kafka_password: SecretStr | None = None
    kafka_ssl_cafile: str | None = None
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
        return topology.event_source(self.service_name)

    @property
    def consumer_group(self) -> str:
        return self.topic_prefix + topology.consumer_group(self.service_name)

    @property
    def dead_letter_topic(self) -> str:
        return self.topic(topology.dead_letter_topic(self.service_name))

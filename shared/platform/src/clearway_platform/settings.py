"""Settings every service shares; each service subclasses with its own env prefix.

For example ``DECLARATION_DATABASE_URL`` or ``INSPECTION_KAFKA_BOOTSTRAP_SERVERS``. The
variables ``DATABASE_URL`` style per service keep external PostgreSQL and Kafka pluggable.

The profile is the one setting every service reads without its prefix: ``CLEARWAY_PROFILE``
(clearway_platform.profile).
"""

import json
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from clearway_contracts.events import topology
from clearway_platform.profile import PROFILE_ENV, Profile, UnsafeSettings
from clearway_platform.signing_keys import load_public_key

# "statistics" is the gateway's consumer: it feeds the statistics read model and the event
# feed (ADR 0020, 0031); "webhooks" delivers the feed to the declarants' endpoints (ADR 0032).
Role = Literal["api", "relay", "consumer", "worker", "statistics", "webhooks"]

_PEM_BLOCK = re.compile(r"-----BEGIN [A-Z ]+-----.+?-----END [A-Z ]+-----", re.DOTALL)


def _pem_list(value: Any) -> Any:
    """PEM keys from the environment: a JSON list, or the PEM blocks one after another (a
    Secret's file holding several keys during a rotation)."""
    if isinstance(value, str):
        text = value.strip()
        return json.loads(text) if text.startswith("[") else _PEM_BLOCK.findall(text)
    return value


def _port_or_off(value: Any) -> Any:
    return None if isinstance(value, str) and value.strip().lower() in ("", "off") else value


PemList = Annotated[list[str], NoDecode, BeforeValidator(_pem_list)]
PortOrOff = Annotated[int | None, BeforeValidator(_port_or_off)]


class ServiceSettings(BaseSettings):
    # populate_by_name: ``profile=`` works in code although the environment says CLEARWAY_PROFILE.
    model_config = SettingsConfigDict(env_prefix="CLEARWAY_", extra="ignore", populate_by_name=True)

    profile: Profile = Field(
        "production",
        validation_alias=PROFILE_ENV,
        description="development knows demo credentials; production refuses weak secrets",
    )

    service_name: str = "clearway"
    database_url: str = "postgresql+asyncpg://clearway@127.0.0.1:5432/clearway"
    database_pool_size: int = 20
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    # Every Kafka client authenticates as the service's own principal (SASL/SCRAM), and the
    # broker's ACLs let it write only its own topics (clearway_contracts.events.topology). No
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
    # JSON lines for the cluster's log pipeline; "text" is one readable line for a terminal.
    log_format: Literal["json", "text"] = "json"
    # Which parts run in this process. One process runs all of them in development;
    # Kubernetes runs each as its own Deployment so they scale apart.
    roles: set[Role] = {"api", "relay", "consumer", "worker"}
    # The role that runs this service's Kafka consumer (the gateway names it "statistics").
    consumer_role: ClassVar[Role] = "consumer"
    relay_batch_size: int = 500
    relay_poll_seconds: float = 1.0
    # The relay role's housekeeping deletes published outbox rows after a day (the outbox is a
    # queue, not an archive) and inbox rows after inbox_retention_hours. An inbox row may go
    # only once Kafka can no longer deliver its event again, so this must exceed the topics'
    # retention: 7 days (deploy/k8s/base/kafka/topics.yaml), plus a day's margin.
    outbox_retention_hours: int = Field(24, ge=1)
    inbox_retention_hours: int = Field(8 * 24, ge=1)
    consumer_batch_size: int = 500
    # How often the relay role reports the outbox backlog (clearway_outbox_pending and
    # clearway_outbox_oldest_pending_seconds).
    backlog_metrics_seconds: float = Field(15.0, gt=0)
    # Prefixes every topic name; tests use it to isolate themselves on one broker.
    topic_prefix: str = ""
    # Prometheus /metrics on a port of its own, never the API's; "off" (None) serves none.
    metrics_port: PortOrOff = None
    # The gateway's Ed25519 public keys (PEM, several during a rotation): a call to the API is
    # trusted only with an identity token signed by one of them.
    gateway_public_keys: PemList = []

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"

    def env_name(self, field: str) -> str:
        """The environment variable that sets ``field`` for this service."""
        return f"{self.model_config.get('env_prefix', '')}{field}".upper()

    def secret_problems(self) -> list[str]:
        """What is missing or unsafe for the parts this process runs; empty if nothing."""
        if "api" not in self.roles:
            return []
        name = self.env_name("gateway_public_keys")
        if not self.gateway_public_keys:
            return [f"{name} is missing: the gateway's public key(s), PEM, to verify callers"]
        problems = []
        for number, pem in enumerate(self.gateway_public_keys, start=1):
            try:
                load_public_key(pem)
            except ValueError as exc:
                problems.append(f"{name}: key {number} is unusable ({exc})")
        return problems

    def check_secrets(self) -> None:
        """Refuse to start with a missing or unsafe secret, naming each setting at fault."""
        problems = self.secret_problems()
        if problems:
            raise UnsafeSettings(
                f"{self.service_name} cannot start ({self.profile} profile):\n  "
                + "\n  ".join(problems)
            )

    @property
    def event_source(self) -> str:
        return topology.event_source(self.service_name)

    @property
    def consumer_group(self) -> str:
        return self.topic_prefix + topology.consumer_group(self.service_name)

    @property
    def dead_letter_topic(self) -> str:
        return self.topic(topology.dead_letter_topic(self.service_name))

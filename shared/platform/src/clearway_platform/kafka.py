"""Kafka clients configured the Clearway way: every one authenticates as its service."""

from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.helpers import create_ssl_context

from clearway_platform.settings import ServiceSettings

SASL_MECHANISM = "SCRAM-SHA-512"


class KafkaCredentialsMissing(ValueError):
    """A service that uses Kafka was started without its principal's credentials."""


def sasl_options(
    *,
    bootstrap_servers: str,
    username: str,
    password: str,
    security_protocol: str = "SASL_PLAINTEXT",
    mechanism: str = SASL_MECHANISM,
    ssl_cafile: str | None = None,
) -> dict[str, Any]:
    """The connection options of a client logging in as ``username`` (aiokafka's names, which
    kafka-python shares)."""
    options: dict[str, Any] = {
        "bootstrap_servers": bootstrap_servers,
        "security_protocol": security_protocol,
        "sasl_mechanism": mechanism,
        "sasl_plain_username": username,
        "sasl_plain_password": password,
    }
    if security_protocol == "SASL_SSL":
        options["ssl_context"] = create_ssl_context(cafile=ssl_cafile)
    return options


def connection_options(settings: ServiceSettings) -> dict[str, Any]:
    """How this service's clients reach Kafka, as its own principal; refuses no credentials."""
    if not settings.kafka_username or settings.kafka_password is None:
        prefix = settings.model_config.get("env_prefix", "")
        raise KafkaCredentialsMissing(
            f"{settings.service_name} uses Kafka but has no credentials: "
            f"set {prefix}KAFKA_USERNAME and {prefix}KAFKA_PASSWORD"
        )
    return sasl_options(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        username=settings.kafka_username,
        password=settings.kafka_password.get_secret_value(),
        security_protocol=settings.kafka_security_protocol,
        mechanism=settings.kafka_sasl_mechanism,
        ssl_cafile=settings.kafka_ssl_cafile,
    )


def create_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    # Idempotent: a retried send never duplicates within a producer session (acks=all implied).
    return AIOKafkaProducer(
        **connection_options(settings),
        client_id=f"{settings.service_name}-producer",
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        max_batch_size=256 * 1024,
        request_timeout_ms=30_000,
    )


def create_consumer(settings: ServiceSettings, *topics: str) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        *topics,
        **connection_options(settings),
        client_id=f"{settings.service_name}-consumer",
        group_id=settings.consumer_group,
        enable_auto_commit=False,  # offsets are committed after the database commit
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_poll_records=settings.consumer_batch_size,
        metadata_max_age_ms=5_000,
    )

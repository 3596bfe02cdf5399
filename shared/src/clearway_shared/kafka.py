"""Kafka clients configured the Clearway way."""

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from clearway_shared.settings import ServiceSettings


def create_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    # Idempotent: a retried send never duplicates within a producer session (acks=all implied).
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
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
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-consumer",
        group_id=settings.consumer_group,
        enable_auto_commit=False,  # offsets are committed after the database commit
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_poll_records=settings.consumer_batch_size,
        metadata_max_age_ms=5_000,
    )

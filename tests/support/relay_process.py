"""Runs an outbox relay in its own process, so a test can kill -9 it mid-batch.

Usage: python -m tests.support.relay_process BATCH_SIZE, with the service's settings in the
environment (``environment(settings)``: passwords do not belong on a command line).
"""

import asyncio
import sys

from clearway_platform.db import create_engine
from clearway_platform.kafka import create_producer
from clearway_platform.outbox import OutboxRelay
from clearway_platform.settings import ServiceSettings


def environment(settings: ServiceSettings) -> dict[str, str]:
    """The variables from which ``ServiceSettings()`` reads ``settings`` back."""
    assert settings.kafka_password is not None
    return {
        "CLEARWAY_SERVICE_NAME": settings.service_name,
        "CLEARWAY_DATABASE_URL": settings.database_url,
        "CLEARWAY_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
        "CLEARWAY_KAFKA_USERNAME": settings.kafka_username,
        "CLEARWAY_KAFKA_PASSWORD": settings.kafka_password.get_secret_value(),
    }


async def main(batch_size: int) -> None:
    settings = ServiceSettings()
    engine = create_engine(settings.database_url, pool_size=2)
    producer = create_producer(settings)
    await producer.start()
    print("relay started", flush=True)
    await OutboxRelay(engine=engine, producer=producer, batch_size=batch_size).run()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))

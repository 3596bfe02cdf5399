"""Runs an outbox relay in its own process, so a test can kill -9 it mid-batch.

Usage: python -m tests.support.relay_process DATABASE_URL BOOTSTRAP BATCH_SIZE
"""

import asyncio
import sys

from clearway_shared.db import create_engine
from clearway_shared.kafka import create_producer
from clearway_shared.outbox import OutboxRelay
from clearway_shared.settings import ServiceSettings


async def main(database_url: str, bootstrap: str, batch_size: int) -> None:
    settings = ServiceSettings(kafka_bootstrap_servers=bootstrap)
    engine = create_engine(database_url, pool_size=2)
    producer = create_producer(settings)
    await producer.start()
    print("relay started", flush=True)
    await OutboxRelay(engine=engine, producer=producer, batch_size=batch_size).run()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))

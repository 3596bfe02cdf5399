"""Runs an outbox relay in its own process, so a test can kill -9 it mid-batch.

Usage: python -m tests.support.relay_process BATCH_SIZE [LEADER_FILE], with the service's
settings in the environment (``environment(settings)``: passwords do not belong on a command
line). With LEADER_FILE, the process writes its pid there when it takes the lead, so a test
with standby replicas knows which one to kill.
"""

import asyncio
import logging
import os
import sys
from pathlib import Path

from clearway_platform.db import create_engine
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
        "CLEARWAY_TOPIC_PREFIX": settings.topic_prefix,
    }


class _Leading(logging.Handler):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("outbox relay leads"):
            written = self._path.with_suffix(f".{os.getpid()}")
            written.write_text(str(os.getpid()))
            written.replace(self._path)


async def main(batch_size: int, leader_file: Path | None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if leader_file is not None:
        logging.getLogger("clearway_platform.outbox").addHandler(_Leading(leader_file))
    settings = ServiceSettings()
    engine = create_engine(settings.database_url, pool_size=2)
    print("relay started", flush=True)
    await OutboxRelay(engine=engine, settings=settings, batch_size=batch_size).run()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None))

"""The real PostgreSQL and Kafka a test session runs against, and fresh databases on it."""

import asyncio
import contextlib
from pathlib import Path
from uuid import uuid4

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from sqlalchemy.engine import make_url

from clearway_shared.migrations import upgrade

REPO = Path(__file__).resolve().parents[2]


class TestInfra:
    __test__ = False  # not a test class, whatever its name

    def __init__(self, *, admin_dsn: str, kafka_bootstrap: str) -> None:
        self.admin_dsn = admin_dsn
        self.kafka_bootstrap = kafka_bootstrap
        self._templates: dict[str, str] = {}
        self._template_lock = asyncio.Lock()

    def url(self, database: str) -> str:
        return (
            make_url(self.admin_dsn)
            .set(drivername="postgresql+asyncpg", database=database)
            .render_as_string(hide_password=False)
        )

    async def fresh_database(self, prefix: str, *, template: str | None = None) -> str:
        """Create an empty database (or a copy of ``template``) and return its URL."""
        name = f"{prefix}_{uuid4().hex[:10]}"
        conn = await asyncpg.connect(self.admin_dsn)
        try:
            clause = f' TEMPLATE "{template}"' if template else ""
            await conn.execute(f'CREATE DATABASE "{name}"{clause}')
        finally:
            await conn.close()
        return self.url(name)

    async def migrated_database(self, service: str) -> str:
        """A fresh database with ``service``'s migrations applied (copied from a template)."""
        async with self._template_lock:
            if service not in self._templates:
                url = await self.fresh_database(f"template_{service}")
                migrations = REPO / "services" / service / "migrations"
                await asyncio.to_thread(upgrade, database_url=url, migrations_dir=migrations)
                self._templates[service] = make_url(url).database or ""
        return await self.fresh_database(service, template=self._templates[service])

    async def create_topics(self, names: list[str], partitions: int = 3) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.kafka_bootstrap)
        await admin.start()
        try:
            for name in names:
                with contextlib.suppress(TopicAlreadyExistsError):
                    await admin.create_topics(
                        [NewTopic(name, num_partitions=partitions, replication_factor=1)]
                    )
        finally:
            await admin.close()

"""The real PostgreSQL (and Kafka) a test session runs against, and fresh databases on it."""

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
from pydantic import SecretStr
from sqlalchemy.engine import make_url

from clearway_infra.kafka_backbone import open_backbone
from clearway_infra.kafka_credentials import ADMIN
from clearway_infra.stack import LocalStack
from clearway_platform.kafka import sasl_options
from clearway_platform.migrations import upgrade

REPO = Path(__file__).resolve().parents[2]


class TestDatabases:
    """A PostgreSQL server to make databases on: empty, or migrated for a service (each a copy
    of a template migrated once per session, so a fresh one is cheap)."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, *, admin_dsn: str) -> None:
        self.admin_dsn = admin_dsn
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


class TestInfra(TestDatabases):
    """PostgreSQL and a Kafka broker with SCRAM logins and ACLs, like production's."""

    def __init__(
        self, *, admin_dsn: str, kafka_bootstrap: str, kafka_passwords: Mapping[str, str]
    ) -> None:
        super().__init__(admin_dsn=admin_dsn)
        self.kafka_bootstrap = kafka_bootstrap
        self._kafka_passwords = dict(kafka_passwords)

    @classmethod
    def on(cls, stack: LocalStack) -> "TestInfra":
        """The servers of a running local stack."""
        return cls(
            admin_dsn=stack.admin_dsn,
            kafka_bootstrap=stack.kafka_bootstrap,
            kafka_passwords=stack.kafka_passwords,
        )

    def kafka_options(self, principal: str = ADMIN) -> dict[str, Any]:
        """A Kafka client's options to log in as ``principal``; the admin observes everything."""
        return sasl_options(
            bootstrap_servers=self.kafka_bootstrap,
            username=principal,
            password=self._kafka_passwords[principal],
        )

    def kafka_settings(self, service: str) -> dict[str, Any]:
        """The Kafka fields of ``service``'s settings: its own principal, as in production."""
        return {
            "kafka_bootstrap_servers": self.kafka_bootstrap,
            "kafka_username": service,
            "kafka_password": SecretStr(self._kafka_passwords[service]),
        }

    async def open_backbone(self, topic_prefix: str) -> None:
        """Every topic of the backbone under ``topic_prefix``, and each service's ACLs on them."""
        await open_backbone(self.kafka_options(), topic_prefix)

"""The inspection service on a real port, on a fresh migrated database and its own topics."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from clearway_contracts.events.common import DeclarationSnapshot
from clearway_contracts.events.declaration import TOPIC as DECLARATION_TOPIC
from clearway_contracts.events.inspection import TOPIC as INSPECTION_TOPIC
from clearway_contracts.identity import Caller, Role
from clearway_inspection.app import create_app
from clearway_inspection.lanes import service as declarations
from clearway_inspection.risk.models import RuleSet
from clearway_inspection.risk.service import publish_ruleset
from clearway_inspection.seed import demo_sites
from clearway_inspection.settings import Settings
from clearway_inspection.sites.service import save_sites
from clearway_platform.clock import FrozenClock
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.uow import UnitOfWork
from tests.support.http import serve
from tests.support.identity import GatewayIdentity, as_gateway, identity_settings
from tests.support.infra import TestInfra

MONDAY_MORNING_UTC = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 06:00 in Urumqi

# Lanes the tests can steer by destination; no random selection.
TEST_RULES = RuleSet.model_validate(
    {
        "rules": [
            {"code": "T-RED", "text": "test red", "lane": "red", "when": {"destinations": ["KZ"]}},
            {
                "code": "T-YEL",
                "text": "test yellow",
                "lane": "yellow",
                "when": {"destinations": ["UZ"]},
            },
        ],
        "random_selection": {"rates": {}},
    }
)


def as_inspection(caller: Caller) -> GatewayIdentity:
    """Calls to this service as ``caller``, with the identity the gateway would sign."""
    return as_gateway(caller, "inspection")


SILK_ROAD = as_inspection(Caller(role=Role.FORWARDER, actor="key-1", tenant="6501234567"))
OTHER_DECLARANT = as_inspection(Caller(role=Role.FORWARDER, actor="key-2", tenant="5001987654"))
HRG_INSPECTOR = as_inspection(
    Caller(role=Role.INSPECTOR, actor="inspector-hrg", office="8021", site="HRG-1")
)
HRG_OFFICER = as_inspection(Caller(role=Role.OFFICER, actor="officer-hrg", office="8021"))
ADMIN = as_inspection(Caller(role=Role.ADMIN, actor="admin"))


@dataclass
class Inspection:
    settings: Settings
    clock: FrozenClock
    http: httpx.AsyncClient
    uow_factory: "UowFactory"
    infra: TestInfra

    def uow(self) -> UnitOfWork:
        return self.uow_factory()

    async def accept(self, snapshot: DeclarationSnapshot) -> None:
        """What the DeclarationAccepted handler does, without waiting for Kafka."""
        uow = self.uow()
        async with uow:
            await declarations.accept(uow=uow, declaration=snapshot, now=self.clock())
            await uow.commit()

    @property
    def inspection_topic(self) -> str:
        return self.settings.topic(INSPECTION_TOPIC)

    @property
    def declaration_topic(self) -> str:
        return self.settings.topic(DECLARATION_TOPIC)


class UowFactory:
    def __init__(self, settings: Settings, engine: AsyncEngine) -> None:
        self._sessions = create_session_factory(engine)
        self._settings = settings

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(
            self._sessions,
            source=self._settings.event_source,
            topic_prefix=self._settings.topic_prefix,
        )


@pytest.fixture
async def inspection(infra: TestInfra, topic_prefix: str) -> AsyncIterator[Inspection]:
    settings = Settings(
        database_url=await infra.migrated_database("inspection"),
        **infra.kafka_settings("inspection"),
        topic_prefix=topic_prefix,
        relay_poll_seconds=0.2,
        missed_sweep_seconds=0.1,
        **identity_settings(),
    )
    await infra.open_backbone(topic_prefix)
    engine = create_engine(settings.database_url, pool_size=5)
    uow_factory = UowFactory(settings, engine)
    clock = FrozenClock(MONDAY_MORNING_UTC)
    await save_sites(uow=uow_factory(), sites=[site.to_site() for site in demo_sites()])
    await publish_ruleset(uow=uow_factory(), ruleset=TEST_RULES, actor="tests", clock=clock)
    try:
        async with (
            serve(create_app(settings, clock=clock)) as url,
            httpx.AsyncClient(base_url=url, timeout=30) as http,
        ):
            yield Inspection(settings, clock, http, uow_factory, infra)
    finally:
        await engine.dispose()

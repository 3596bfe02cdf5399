"""The demo data: reference data in any profile, the demo API key only in development."""

import pytest

from clearway_gateway.auth import service as keys
from clearway_gateway.offices import service as offices
from clearway_gateway.seed import seed
from clearway_gateway.settings import DEMO_API_KEY, Settings
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.profile import Profile
from clearway_platform.uow import UnitOfWork
from tests.integration.gateway.conftest import running_gateway
from tests.support.identity import gateway_settings
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration


async def seeded(infra: TestInfra, profile: Profile) -> tuple[list[str], int]:
    """Seed a fresh gateway database in ``profile``: the API keys' labels, the offices."""
    settings = Settings(
        database_url=await infra.migrated_database("gateway"),
        profile=profile,
        **gateway_settings(),
    )
    await seed(settings)
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        uow = UnitOfWork(create_session_factory(engine), source="test")
        labels = [key.label for key in await keys.list_keys(uow=uow)]
        known = len(await offices.current_offices(uow=uow))
    finally:
        await engine.dispose()
    return labels, known


async def test_production_seeds_no_demo_key(
    infra: TestInfra, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, known_offices = await seeded(infra, "production")
    assert labels == []
    assert known_offices > 0
    assert DEMO_API_KEY not in capsys.readouterr().out


async def test_development_seeds_the_readmes_demo_key(
    infra: TestInfra, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, _ = await seeded(infra, "development")
    assert labels == ["demo"]
    assert DEMO_API_KEY in capsys.readouterr().out


async def test_production_refuses_the_demo_key_even_where_it_was_seeded(infra: TestInfra) -> None:
    async with running_gateway(infra, profile="production") as gateway:
        response = await gateway.client.get("/v1/offices", headers=gateway.demo_key)
        assert response.status_code == 401
        assert "development profile" in response.json()["detail"]

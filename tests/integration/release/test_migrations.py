"""Decisions taken before decisions were per revision stay in force after the upgrade."""

import asyncio
import json
from datetime import UTC, datetime
from uuid import uuid4

from sqlalchemy import text

from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.migrations import upgrade
from clearway_release.releases import repository
from tests.support.infra import REPO, TestInfra

MIGRATIONS = REPO / "services" / "release" / "migrations"


async def test_a_release_decided_before_revision_0002_is_in_force_after_it(
    infra: TestInfra,
) -> None:
    url = await infra.fresh_database("release_upgrade")
    await asyncio.to_thread(upgrade, database_url=url, migrations_dir=MIGRATIONS, revision="0001")
    declaration_id = uuid4()
    facts = {"declaration": {"revision": 3}, "risk_revision": 3}
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO release_cases "
                    "VALUES (:id, 'released', CAST(:facts AS jsonb), now())"
                ),
                {"id": declaration_id, "facts": json.dumps(facts)},
            )
            await conn.execute(
                text(
                    "INSERT INTO release_decisions (declaration_id, release_number, office, "
                    "decided_at) VALUES (:id, '80212026R000000001', '8021', :at)"
                ),
                {"id": declaration_id, "at": datetime.now(UTC)},
            )
        await asyncio.to_thread(upgrade, database_url=url, migrations_dir=MIGRATIONS)
        async with create_session_factory(engine)() as session:
            decision = await repository.get_decision(session, declaration_id)
            raw = await session.scalar(
                text("SELECT facts FROM release_cases WHERE declaration_id = :id"),
                {"id": declaration_id},
            )
    finally:
        await engine.dispose()
    assert decision is not None
    assert (decision.revision, decision.in_force) == (3, True)
    assert (raw["decided_for"], raw["in_force"]) == (3, True)

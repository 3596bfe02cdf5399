"""The whole running system, attacked: four services on real ports, real Kafka and PostgreSQL."""

from collections.abc import AsyncIterator

import pytest

from tests.e2e.conftest import System, running_system
from tests.support.infra import TestInfra


@pytest.fixture(scope="package")
async def system(infra: TestInfra) -> AsyncIterator[System]:
    async with running_system(infra) as running:
        yield running

"""The security regression suite: every case of the integrity issue tried again.

``system`` is the whole running system (four services on real ports, real Kafka and
PostgreSQL), attacked from outside; ``gateway`` is the gateway before stub services, for the
role x route x tenant matrix of every public operation.
"""

from collections.abc import AsyncIterator

import pytest

from tests.e2e.conftest import System, running_system
from tests.integration.gateway.conftest import gateway  # noqa: F401  # the matrix's stub services
from tests.support.infra import TestInfra


@pytest.fixture(scope="package")
async def system(infra: TestInfra) -> AsyncIterator[System]:
    async with running_system(infra) as running:
        yield running

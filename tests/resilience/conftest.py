"""Resilience tests: the whole system as separate processes, which the tests kill and restart.

Each test starts its own PostgreSQL, Kafka and services (never the session's shared ones),
because it stops and restarts them. Infrastructure that cannot start fails the test.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.resilience.running import RunningClearway, clearway_on_this_machine


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "resilience: kills and restarts real processes (services, Kafka, PostgreSQL) mid-run",
    )


@pytest.fixture
def clearway(tmp_path: Path) -> Iterator[RunningClearway]:
    """Everything running; afterwards the logs stay in the test's tmp_path for a post-mortem."""
    with clearway_on_this_machine(keep_logs_in=tmp_path / "logs") as system:
        yield system

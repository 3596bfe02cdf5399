"""The declaration service's business metrics, counted when their transaction commits.

* ``clearway_declarations_total{status, lane}``: declarations entering each status (lodged
  ones enter ``accepted``), by the lane risk assessment chose (``none`` before it did);
* ``clearway_declaration_lodged_to_released_seconds{status, lane}``: from lodging to release
  (``released`` or ``released_for_transit``), from the two events' own times.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from prometheus_client import Counter, Histogram

from clearway_contracts.events.common import DeclarationStatus
from clearway_platform.uow import UnitOfWork

DECLARATIONS = Counter(
    "clearway_declarations",
    "Declarations entering each status, by lane (none before risk assessment)",
    ["status", "lane"],
)
LODGED_TO_RELEASED = Histogram(
    "clearway_declaration_lodged_to_released_seconds",
    "Time from lodging (acceptance) to release, by release kind and lane",
    ["status", "lane"],
    buckets=(60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 86400, 2 * 86400, 7 * 86400),
)
RELEASES = frozenset({DeclarationStatus.RELEASED, DeclarationStatus.RELEASED_FOR_TRANSIT})


def lane_of(progress: Mapping[str, Any]) -> str:
    """The lane a declaration's read model records (``none`` before risk assessment)."""
    lane = progress.get("lane")
    return str(lane.get("lane") or "none") if isinstance(lane, Mapping) else "none"


def count_status(
    uow: UnitOfWork,
    *,
    status: DeclarationStatus,
    lane: str,
    lodged_at: datetime | None = None,
    at: datetime | None = None,
) -> None:
    """Count the declaration entering ``status`` once ``uow`` commits; a release also times
    lodging to release."""

    def observe() -> None:
        DECLARATIONS.labels(status.value, lane).inc()
        if status in RELEASES and lodged_at is not None and at is not None:
            seconds = max((at - lodged_at).total_seconds(), 0.0)
            LODGED_TO_RELEASED.labels(status.value, lane).observe(seconds)

    uow.on_commit(observe)

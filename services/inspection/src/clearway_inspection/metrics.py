"""The inspection service's business metrics, counted when their transaction commits.

* ``clearway_appointments_booked_total{site}``: inspection slots booked, by site;
* ``clearway_inspections_completed_total{check, outcome}``: checks finished, physical
  (``inspection``, at a site) or documentary (``document``, by an officer), by outcome.
"""

from prometheus_client import Counter

from clearway_platform.uow import UnitOfWork

APPOINTMENTS_BOOKED = Counter(
    "clearway_appointments_booked", "Inspection appointments booked, by site", ["site"]
)
INSPECTIONS_COMPLETED = Counter(
    "clearway_inspections_completed",
    "Inspections finished, physical (inspection) or documentary (document), by outcome",
    ["check", "outcome"],
)


def count_booking(uow: UnitOfWork, *, site: str) -> None:
    uow.on_commit(APPOINTMENTS_BOOKED.labels(site).inc)


def count_completion(uow: UnitOfWork, *, check: str, outcome: str) -> None:
    uow.on_commit(INSPECTIONS_COMPLETED.labels(check, outcome).inc)

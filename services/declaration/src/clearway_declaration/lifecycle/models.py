"""The declaration lifecycle of the design notes, as a transition table.

The declaration service is where a declaration's revisions are made, so it is also where an
amendment or a cancellation and a release decision are put in one order: whichever this
service records first wins. A release or refusal is in force only when it is recorded here
for the declaration's current revision (and the ``status_changed`` event says so):

* a decision about an older revision is refused (the declaration was amended first; the
  release service withdraws it and decides again for the new revision);
* a decision that arrives after a cancellation is refused (the release service withdraws it);
* once a release is recorded, amendments and cancellations are refused.

Inspection and release events travel on different topics, so they may arrive in either order:
a lane that arrives after the release is a late fact (recorded, status unchanged), and a
release is accepted straight from ``accepted`` as well as from ``under_control``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from clearway_contracts.events.common import DeclarationStatus

Status = DeclarationStatus  # the contract's vocabulary is the lifecycle's


class Step(StrEnum):
    """What happened to a declaration, as far as its status is concerned."""

    ACCEPT = "accept"
    LANE_GREEN = "lane_green"
    LANE_CONTROL = "lane_control"  # yellow (documents) or red (physical)
    AMEND = "amend"
    AMEND_FOR_RISK = "amend_for_risk"  # an amendment risk must look at again
    CANCEL = "cancel"
    RELEASE = "release"
    RELEASE_FOR_TRANSIT = "release_for_transit"
    REFUSE_RELEASE = "refuse_release"
    TRANSIT_OVERDUE = "transit_overdue"
    ARRIVE_AT_EXIT = "arrive_at_exit"
    HOLD_AT_EXIT = "hold_at_exit"
    RELEASE_HELD = "release_held"  # the officer let the held goods go on to exit
    REFUSE_HELD = "refuse_held"  # the officer refused them
    EXIT = "exit"


S = Status
AFTER_RELEASE = frozenset(
    {
        S.RELEASED,
        S.RELEASED_FOR_TRANSIT,
        S.TRANSIT_OVERDUE,
        S.ARRIVED_AT_EXIT,
        S.HELD,
        S.EXITED,
    }
)
FINAL = frozenset({S.REJECTED, S.EXITED})
# Statuses whose vehicles are on a live declaration (a VIN may be on one live declaration).
LIVE = frozenset(Status) - {S.REJECTED, S.CANCELLED, S.EXITED}
# The declarant may still change or withdraw it.
OPEN = frozenset({S.ACCEPTED, S.UNDER_CONTROL})


def _late_fact(*statuses: Status) -> dict[Status, Status]:
    """Statuses in which a step is only recorded, the status staying as it is."""
    return {status: status for status in statuses}


_BEYOND_RISK = (*AFTER_RELEASE, S.NOT_RELEASED, S.CANCELLED)

TRANSITIONS: dict[Step, dict[Status, Status]] = {
    Step.ACCEPT: {S.SUBMITTED: S.ACCEPTED},
    Step.LANE_GREEN: {S.ACCEPTED: S.ACCEPTED, **_late_fact(*_BEYOND_RISK)},
    Step.LANE_CONTROL: {
        S.ACCEPTED: S.UNDER_CONTROL,
        S.UNDER_CONTROL: S.UNDER_CONTROL,
        **_late_fact(*_BEYOND_RISK),
    },
    Step.AMEND: _late_fact(*OPEN),
    Step.AMEND_FOR_RISK: {S.ACCEPTED: S.ACCEPTED, S.UNDER_CONTROL: S.ACCEPTED},
    Step.CANCEL: {
        S.ACCEPTED: S.CANCELLED,
        S.UNDER_CONTROL: S.CANCELLED,
        S.NOT_RELEASED: S.CANCELLED,
    },
    Step.RELEASE: {S.ACCEPTED: S.RELEASED, S.UNDER_CONTROL: S.RELEASED},
    Step.RELEASE_FOR_TRANSIT: {
        S.ACCEPTED: S.RELEASED_FOR_TRANSIT,
        S.UNDER_CONTROL: S.RELEASED_FOR_TRANSIT,
    },
    Step.REFUSE_RELEASE: {S.ACCEPTED: S.NOT_RELEASED, S.UNDER_CONTROL: S.NOT_RELEASED},
    Step.TRANSIT_OVERDUE: {S.RELEASED_FOR_TRANSIT: S.TRANSIT_OVERDUE},
    Step.ARRIVE_AT_EXIT: {
        S.RELEASED_FOR_TRANSIT: S.ARRIVED_AT_EXIT,
        S.TRANSIT_OVERDUE: S.ARRIVED_AT_EXIT,
    },
    Step.HOLD_AT_EXIT: {S.RELEASED_FOR_TRANSIT: S.HELD, S.TRANSIT_OVERDUE: S.HELD},
    Step.RELEASE_HELD: {S.HELD: S.ARRIVED_AT_EXIT},
    Step.REFUSE_HELD: {S.HELD: S.NOT_RELEASED},
    Step.EXIT: {S.RELEASED: S.EXITED, S.ARRIVED_AT_EXIT: S.EXITED},
}


@dataclass(frozen=True)
class IllegalTransition(Exception):
    status: Status
    step: Step

    def __str__(self) -> str:
        return f"{self.step} is not allowed when the declaration is {self.status}"


def advance(status: Status, step: Step) -> Status:
    """The status after ``step``; raises IllegalTransition when the lifecycle forbids it."""
    try:
        return TRANSITIONS[step][status]
    except KeyError:
        raise IllegalTransition(status, step) from None


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a declaration's history: what happened, why, and what it did to the status."""

    at: datetime
    kind: str
    previous_status: Status | None
    status: Status
    cause: str  # the event id, or the actor
    detail: str | None = None
    refused: bool = False


# The order in which a declaration's steps cause one another: the tiebreak of two timeline
# entries recorded at the same instant (events of different topics arrive in any order).
CAUSAL_ORDER = {
    kind: rank
    for rank, kind in enumerate(
        (
            "accepted",
            "amended",
            "lane_assigned",
            "document_check",
            "appointment_booked",
            "appointment_rescheduled",
            "appointment_cancelled",
            "appointment_missed",
            "arrived_at_site",
            "inspection",
            "release_refused",
            "released",
            "released_for_transit",
            "release_withdrawn",
            "transit_overdue",
            "arrived_at_exit",
            "hold_decided",
            "exit_confirmed",
            "cancelled",
        )
    )
}


def in_time_order(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """By time, then by causation, then in the order recorded (the sort is stable)."""
    return sorted(entries, key=lambda e: (e.at, CAUSAL_ORDER.get(e.kind, len(CAUSAL_ORDER))))


@dataclass(frozen=True)
class Observation:
    """Something another service reported about a declaration."""

    kind: str
    at: datetime
    step: Step | None = None  # None: a fact that leaves the status as it is
    facts: Mapping[str, Any] = field(default_factory=dict)  # lists add up, the rest replace
    revision: int | None = None  # the revision it is about, when it is about one
    detail: str | None = None


@dataclass(frozen=True)
class Tracking:
    """The part of a declaration that observations change."""

    customs_number: str
    status: Status
    revision: int
    progress: Mapping[str, Any]
    accepted_at: datetime | None = None  # when it was lodged, to time it to its release

    def observe(self, observation: Observation, *, cause: str) -> tuple["Tracking", TimelineEntry]:
        """The tracking after ``observation`` and the timeline entry recording it.

        An observation the lifecycle forbids, or one about an older revision, is recorded as
        refused and changes nothing.
        """
        try:
            self._check_revision(observation)
            status = advance(self.status, observation.step) if observation.step else self.status
        except (IllegalTransition, StaleRevision) as refusal:
            entry = self._entry(observation, self.status, cause, detail=str(refusal), refused=True)
            return self, entry
        progress = _merge(self.progress, observation.facts)
        return (
            replace(self, status=status, progress=progress),
            self._entry(observation, status, cause, detail=observation.detail),
        )

    def _check_revision(self, observation: Observation) -> None:
        if observation.revision is not None and observation.revision < self.revision:
            raise StaleRevision(observation.revision, self.revision)

    def _entry(
        self,
        observation: Observation,
        status: Status,
        cause: str,
        *,
        detail: str | None,
        refused: bool = False,
    ) -> TimelineEntry:
        return TimelineEntry(
            at=observation.at,
            kind=observation.kind,
            previous_status=self.status,
            status=status,
            cause=cause,
            detail=detail,
            refused=refused,
        )


@dataclass(frozen=True)
class StaleRevision(Exception):
    about: int
    current: int

    def __str__(self) -> str:
        return f"about revision {self.about}; the declaration is at revision {self.current}"


def _merge(progress: Mapping[str, Any], facts: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(progress)
    for key, value in facts.items():
        previous = merged.get(key)
        merged[key] = [*previous, *value] if isinstance(previous, list) else value
    return merged

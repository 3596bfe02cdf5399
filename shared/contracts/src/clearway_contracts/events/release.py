"""Events published by the release service."""

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.common import Frozen, Reason

TOPIC = "clearway.release.events"


class TransitRecord(Frozen):
    departure_office: str
    exit_office: str
    seals: list[str]
    carrier: str
    means_id: str
    route: str
    deadline: datetime


class Released(EventPayload):
    event_type: ClassVar[str] = "clearway.release.released.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "Customs released the goods (local or integrated declaration)."

    declaration_id: UUID
    revision: int = Field(description="the declaration revision this decision is for")
    release_number: str
    office: str
    released_at: datetime


class ReleasedForTransit(EventPayload):
    event_type: ClassVar[str] = "clearway.release.released_for_transit.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = (
        "Direct transfer: goods released to travel under seal to the exit port."
    )

    declaration_id: UUID
    revision: int = Field(description="the declaration revision this decision is for")
    release_number: str
    office: str
    released_at: datetime
    transit: TransitRecord


class ReleaseRefused(EventPayload):
    event_type: ClassVar[str] = "clearway.release.refused.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "Customs refused release (not released), with reasons."

    declaration_id: UUID
    revision: int = Field(description="the declaration revision this decision is for")
    office: str
    reasons: list[Reason]
    refused_at: datetime


class ReleaseWithdrawn(EventPayload):
    event_type: ClassVar[str] = "clearway.release.withdrawn.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = (
        "A release or refusal was withdrawn before it took effect: the declaration was amended "
        "or cancelled first. The case waits for the new revision's facts, or is closed."
    )

    declaration_id: UUID
    revision: int = Field(description="the revision the withdrawn decision was for")
    release_number: str | None = Field(description="the withdrawn release notice, if released")
    reason: Reason
    withdrawn_at: datetime


class TransitArrived(EventPayload):
    event_type: ClassVar[str] = "clearway.release.transit_arrived.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "A transit arrived at the exit port; held when seals or goods differ."

    declaration_id: UUID
    revision: int = Field(description="the declaration revision this decision is for")
    office: str
    arrived_at: datetime
    seals_intact: bool
    held: bool
    remarks: str | None = None


class HoldDecided(EventPayload):
    event_type: ClassVar[str] = "clearway.release.hold_decided.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = (
        "An exit-port officer decided a held transit: released to exit (arrived_at_exit), "
        "or refused (not_released)."
    )

    declaration_id: UUID
    revision: int = Field(description="the declaration revision this decision is for")
    office: str
    released: bool
    remarks: str
    officer: str
    decided_at: datetime


class TransitOverdue(EventPayload):
    event_type: ClassVar[str] = "clearway.release.transit_overdue.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "A transit did not arrive by its time limit; raised once."

    declaration_id: UUID
    deadline: datetime
    detected_at: datetime


class ExitConfirmed(EventPayload):
    event_type: ClassVar[str] = "clearway.release.exit_confirmed.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "Vehicles or goods left the country; complete when all have exited."

    declaration_id: UUID
    revision: int = Field(description="the declaration revision this decision is for")
    office: str
    vins: list[str]
    complete: bool
    exited_at: datetime

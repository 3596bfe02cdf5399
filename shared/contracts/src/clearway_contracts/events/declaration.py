"""Events published by the declaration service."""

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.common import DeclarationSnapshot, DeclarationStatus

TOPIC = "clearway.declaration.events"


class DeclarationAccepted(EventPayload, DeclarationSnapshot):
    event_type: ClassVar[str] = "clearway.declaration.accepted.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "A declaration passed validation and got its customs number."


class DeclarationAmended(EventPayload, DeclarationSnapshot):
    event_type: ClassVar[str] = "clearway.declaration.amended.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = (
        "A declaration was amended before release; risk_relevant means risk must look again."
    )

    risk_relevant: bool
    amended_at: datetime


class DeclarationCancelled(EventPayload):
    event_type: ClassVar[str] = "clearway.declaration.cancelled.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = "The declarant withdrew the declaration before release; final."

    declaration_id: UUID
    customs_number: str
    reason: str
    cancelled_at: datetime


class DeclarationStatusChanged(EventPayload):
    event_type: ClassVar[str] = "clearway.declaration.status_changed.v1"
    topic: ClassVar[str] = TOPIC
    summary: ClassVar[str] = (
        "The declaration's status changed after acceptance. A release or refusal is in force "
        "once this names it for the same revision: only then may goods exit."
    )

    declaration_id: UUID
    customs_number: str
    revision: int
    previous_status: DeclarationStatus
    status: DeclarationStatus
    cause: str  # the event id, or the actor, that changed it
    changed_at: datetime

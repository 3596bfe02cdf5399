"""Which events a declarant's feed carries: what happens to its declarations that it may see.

Left out: the risk engine's lane and the document check (what a status change already tells,
without the officers' reasons) and officers' hold decisions.
"""

from uuid import UUID

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.common import DeclarationSnapshot
from clearway_contracts.events.declaration import (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationCancelled,
    DeclarationStatusChanged,
)
from clearway_contracts.events.envelope import Envelope
from clearway_contracts.events.inspection import (
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentMissed,
    AppointmentRescheduled,
    InspectionCompleted,
    VehicleArrived,
)
from clearway_contracts.events.release import (
    ExitConfirmed,
    Released,
    ReleasedForTransit,
    ReleaseRefused,
    ReleaseWithdrawn,
    TransitArrived,
    TransitOverdue,
)
from clearway_gateway.feed import service
from clearway_platform.handlers import EventHandlers
from clearway_platform.uow import UnitOfWork

FEED_EVENTS: tuple[type[EventPayload], ...] = (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationStatusChanged,
    DeclarationCancelled,
    AppointmentBooked,
    AppointmentRescheduled,
    AppointmentCancelled,
    AppointmentMissed,
    VehicleArrived,
    InspectionCompleted,
    Released,
    ReleasedForTransit,
    ReleaseRefused,
    ReleaseWithdrawn,
    TransitArrived,
    TransitOverdue,
    ExitConfirmed,
)


async def record(uow: UnitOfWork, event: EventPayload, envelope: Envelope) -> None:
    # Every event's subject is its declaration's id (the partition key).
    declarant = event.declarant.customs_code if isinstance(event, DeclarationSnapshot) else None
    await service.record(
        uow=uow,
        envelope=envelope,
        declaration_id=UUID(envelope.subject),
        declarant=declarant,
    )


def handlers() -> EventHandlers:
    handlers = EventHandlers()
    for payload_class in FEED_EVENTS:
        handlers.on(payload_class)(record)
    return handlers

"""The three services' events, turned into rows of the statistics read model."""

from collections.abc import Awaitable, Callable

from clearway_contracts.events.declaration import (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationCancelled,
)
from clearway_contracts.events.envelope import Envelope
from clearway_contracts.events.inspection import (
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentMissed,
    AppointmentRescheduled,
    LaneAssigned,
    VehicleArrived,
)
from clearway_contracts.events.release import (
    ExitConfirmed,
    Released,
    ReleasedForTransit,
    ReleaseWithdrawn,
)
from clearway_gateway.statistics import service
from clearway_gateway.statistics.models import facts_of
from clearway_platform.handlers import EventHandlers
from clearway_platform.uow import UnitOfWork


def handlers() -> EventHandlers:
    handlers = EventHandlers()

    @handlers.on(DeclarationAccepted)
    async def on_accepted(uow: UnitOfWork, event: DeclarationAccepted, _: Envelope) -> None:
        await service.record_declaration(uow=uow, facts=facts_of(event))

    @handlers.on(DeclarationAmended)
    async def on_amended(uow: UnitOfWork, event: DeclarationAmended, _: Envelope) -> None:
        await service.record_declaration(uow=uow, facts=facts_of(event))

    @handlers.on(DeclarationCancelled)
    async def on_cancelled(uow: UnitOfWork, event: DeclarationCancelled, _: Envelope) -> None:
        await service.record_cancellation(
            uow=uow, declaration_id=event.declaration_id, at=event.cancelled_at
        )

    @handlers.on(LaneAssigned)
    async def on_lane(uow: UnitOfWork, event: LaneAssigned, _: Envelope) -> None:
        await service.record_lane(
            uow=uow, declaration_id=event.declaration_id, lane=event.lane, revision=event.revision
        )

    @handlers.on(Released)
    async def on_released(uow: UnitOfWork, event: Released, _: Envelope) -> None:
        await service.record_release(
            uow=uow, declaration_id=event.declaration_id, at=event.released_at
        )

    @handlers.on(ReleasedForTransit)
    async def on_transit(uow: UnitOfWork, event: ReleasedForTransit, _: Envelope) -> None:
        await service.record_release(
            uow=uow, declaration_id=event.declaration_id, at=event.released_at
        )

    @handlers.on(ReleaseWithdrawn)
    async def on_withdrawn(uow: UnitOfWork, event: ReleaseWithdrawn, _: Envelope) -> None:
        await service.withdraw_release(uow=uow, declaration_id=event.declaration_id)

    @handlers.on(ExitConfirmed)
    async def on_exit(uow: UnitOfWork, event: ExitConfirmed, _: Envelope) -> None:
        if event.complete:  # the last vehicle of the declaration left
            await service.record_exit(
                uow=uow, declaration_id=event.declaration_id, at=event.exited_at
            )

    handlers.on(AppointmentBooked)(_appointment("booked"))
    handlers.on(AppointmentRescheduled)(_appointment("booked"))
    handlers.on(AppointmentCancelled)(_appointment("cancelled"))
    handlers.on(AppointmentMissed)(_appointment("missed"))

    @handlers.on(VehicleArrived)
    async def on_arrived(uow: UnitOfWork, event: VehicleArrived, _: Envelope) -> None:
        if event.appointment_id is not None:  # arrivals without one use no slot
            await service.record_arrival(
                uow=uow, appointment_id=event.appointment_id, at=event.arrived_at
            )

    return handlers


Appointment = AppointmentBooked | AppointmentRescheduled | AppointmentCancelled | AppointmentMissed


def _appointment(state: str) -> Callable[[UnitOfWork, Appointment, Envelope], Awaitable[None]]:
    """The handler that records an appointment's slot, in ``state``."""

    async def record(uow: UnitOfWork, event: Appointment, _: Envelope) -> None:
        await service.record_appointment(
            uow=uow,
            appointment_id=event.appointment_id,
            site_id=event.site_id,
            slot_start=event.slot_start,
            state=state,
        )

    return record

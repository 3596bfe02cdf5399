"""Inspection and release events, turned into observations of a declaration."""

from datetime import datetime
from typing import Any

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.common import Lane, Reason
from clearway_contracts.events.envelope import Envelope
from clearway_contracts.events.inspection import (
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentMissed,
    AppointmentRescheduled,
    DocumentCheckCompleted,
    InspectionCompleted,
    LaneAssigned,
    VehicleArrived,
)
from clearway_contracts.events.release import (
    ExitConfirmed,
    HoldDecided,
    Released,
    ReleasedForTransit,
    ReleaseRefused,
    ReleaseWithdrawn,
    TransitArrived,
    TransitOverdue,
)
from clearway_declaration.lifecycle import service
from clearway_declaration.lifecycle.models import Observation, Step
from clearway_platform.clock import Clock, system_clock
from clearway_platform.handlers import EventHandlers
from clearway_platform.uow import UnitOfWork


async def _observe(
    clock: Clock,
    uow: UnitOfWork,
    event: EventPayload,
    envelope: Envelope,
    *,
    kind: str,
    at: datetime,
    step: Step | None = None,
    fact: str | None = None,
    revision: int | None = None,
    detail: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Record the event's data (and ``extra``) in the read model under ``fact``, else ``kind``."""
    data = event.model_dump(mode="json", exclude={"declaration_id"}) | (extra or {})
    facts: dict[str, Any] = {fact or kind: data}
    observation = Observation(
        kind=kind, at=at, step=step, facts=facts, revision=revision, detail=detail
    )
    await service.observe(
        uow=uow,
        declaration_id=event.declaration_id,
        observation=observation,
        cause=envelope.id,
        clock=clock,
    )


def _reasons(reasons: list[Reason]) -> str:
    return ", ".join(reason.code for reason in reasons) or "no reasons given"


async def _appointment(
    clock: Clock,
    uow: UnitOfWork,
    event: AppointmentBooked | AppointmentRescheduled | AppointmentCancelled | AppointmentMissed,
    envelope: Envelope,
    state: str,
) -> None:
    await _observe(
        clock,
        uow,
        event,
        envelope,
        kind=f"appointment_{state}",
        fact="appointment",
        at=envelope.time,
        detail=f"{event.site_id} {event.slot_start:%Y-%m-%d %H:%M} UTC",
        extra={"state": state},
    )


def handlers(clock: Clock = system_clock) -> EventHandlers:
    """The consumer's handlers; ``clock`` stamps when the declaration changed."""
    handlers = EventHandlers()

    @handlers.on(LaneAssigned)
    async def on_lane_assigned(uow: UnitOfWork, event: LaneAssigned, envelope: Envelope) -> None:
        step = Step.LANE_GREEN if event.lane is Lane.GREEN else Step.LANE_CONTROL
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="lane_assigned",
            fact="lane",
            at=event.assigned_at,
            step=step,
            revision=event.revision,
            detail=f"{event.lane} lane: {_reasons(event.reasons)}",
        )

    @handlers.on(DocumentCheckCompleted)
    async def on_document_check(
        uow: UnitOfWork, event: DocumentCheckCompleted, envelope: Envelope
    ) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="document_check",
            at=event.completed_at,
            revision=event.revision,
            detail=f"{event.outcome}: {_reasons(event.reasons)}",
        )

    @handlers.on(AppointmentBooked)
    async def on_appointment_booked(
        uow: UnitOfWork, event: AppointmentBooked, envelope: Envelope
    ) -> None:
        await _appointment(clock, uow, event, envelope, "booked")

    @handlers.on(AppointmentRescheduled)
    async def on_appointment_rescheduled(
        uow: UnitOfWork, event: AppointmentRescheduled, envelope: Envelope
    ) -> None:
        await _appointment(clock, uow, event, envelope, "rescheduled")

    @handlers.on(AppointmentCancelled)
    async def on_appointment_cancelled(
        uow: UnitOfWork, event: AppointmentCancelled, envelope: Envelope
    ) -> None:
        await _appointment(clock, uow, event, envelope, "cancelled")

    @handlers.on(AppointmentMissed)
    async def on_appointment_missed(
        uow: UnitOfWork, event: AppointmentMissed, envelope: Envelope
    ) -> None:
        await _appointment(clock, uow, event, envelope, "missed")

    @handlers.on(VehicleArrived)
    async def on_vehicle_arrived(
        uow: UnitOfWork, event: VehicleArrived, envelope: Envelope
    ) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="arrived_at_site",
            fact="site_arrival",
            at=event.arrived_at,
            detail=f"checked in at {event.site_id}",
        )

    @handlers.on(InspectionCompleted)
    async def on_inspection_completed(
        uow: UnitOfWork, event: InspectionCompleted, envelope: Envelope
    ) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="inspection",
            at=event.completed_at,
            revision=event.revision,
            detail=f"{event.outcome} at {event.site_id}: {_reasons(event.reasons)}",
        )

    @handlers.on(Released)
    async def on_released(uow: UnitOfWork, event: Released, envelope: Envelope) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="released",
            revision=event.revision,
            fact="release",
            at=event.released_at,
            step=Step.RELEASE,
            detail=f"release {event.release_number} by {event.office}",
        )

    @handlers.on(ReleasedForTransit)
    async def on_released_for_transit(
        uow: UnitOfWork, event: ReleasedForTransit, envelope: Envelope
    ) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="released_for_transit",
            revision=event.revision,
            fact="release",
            at=event.released_at,
            step=Step.RELEASE_FOR_TRANSIT,
            detail=f"release {event.release_number}; due at {event.transit.exit_office} "
            f"by {event.transit.deadline:%Y-%m-%d %H:%M} UTC",
        )

    @handlers.on(ReleaseRefused)
    async def on_release_refused(
        uow: UnitOfWork, event: ReleaseRefused, envelope: Envelope
    ) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="release_refused",
            revision=event.revision,
            fact="refusal",
            at=event.refused_at,
            step=Step.REFUSE_RELEASE,
            detail=_reasons(event.reasons),
        )

    @handlers.on(ReleaseWithdrawn)
    async def on_release_withdrawn(
        uow: UnitOfWork, event: ReleaseWithdrawn, envelope: Envelope
    ) -> None:
        # A fact only: the decision it withdraws was refused here already, as about an older
        # revision or after the cancellation that made the release service withdraw it.
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="release_withdrawn",
            at=event.withdrawn_at,
            detail=f"decision for revision {event.revision} withdrawn: {event.reason.text}",
        )

    @handlers.on(TransitOverdue)
    async def on_transit_overdue(
        uow: UnitOfWork, event: TransitOverdue, envelope: Envelope
    ) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="transit_overdue",
            at=event.detected_at,
            step=Step.TRANSIT_OVERDUE,
            detail=f"deadline was {event.deadline:%Y-%m-%d %H:%M} UTC",
        )

    @handlers.on(TransitArrived)
    async def on_transit_arrived(
        uow: UnitOfWork, event: TransitArrived, envelope: Envelope
    ) -> None:
        step = Step.HOLD_AT_EXIT if event.held else Step.ARRIVE_AT_EXIT
        seals = "seals intact" if event.seals_intact else "seals broken"
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="arrived_at_exit",
            revision=event.revision,
            fact="exit_arrival",
            at=event.arrived_at,
            step=step,
            detail=f"{seals} at {event.office}" + (f": {event.remarks}" if event.remarks else ""),
        )

    @handlers.on(HoldDecided)
    async def on_hold_decided(uow: UnitOfWork, event: HoldDecided, envelope: Envelope) -> None:
        await _observe(
            clock,
            uow,
            event,
            envelope,
            kind="hold_decided",
            revision=event.revision,
            fact="hold_decision",
            at=event.decided_at,
            step=Step.RELEASE_HELD if event.released else Step.REFUSE_HELD,
            detail=f"{event.officer}: {event.remarks}",
        )

    @handlers.on(ExitConfirmed)
    async def on_exit_confirmed(uow: UnitOfWork, event: ExitConfirmed, envelope: Envelope) -> None:
        # Exits add up (a train may leave in parts); the declaration exits with the last one.
        data = event.model_dump(mode="json", exclude={"declaration_id"})
        await service.observe(
            uow=uow,
            declaration_id=event.declaration_id,
            observation=Observation(
                kind="exit_confirmed",
                at=event.exited_at,
                step=Step.EXIT if event.complete else None,
                facts={"exits": [data]},
                revision=event.revision,
                detail=f"{len(event.vins)} vehicle(s) exited at {event.office}"
                + ("" if event.complete else " (partial)"),
            ),
            cause=envelope.id,
            clock=clock,
        )

    return handlers

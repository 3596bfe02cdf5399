"""What follows from the declaration service's events: keep our copy, decide the lane, and
open or close the work each lane needs. Every function here runs inside the consumer's
transaction: it publishes, the consumer commits.

An amendment that risk need not look at keeps the lane: no new LaneAssigned is published,
and open checks, appointments and inspections carry on with the amended declaration. What an
inspector found on a vehicle whose declared item changed is dropped: it was about something
else. Once the declaration service says the declaration is finished (released, refused,
cancelled), its open work closes.
"""

from datetime import datetime
from uuid import UUID

from clearway_contracts.events.common import DeclarationSnapshot, DeclarationStatus, Lane
from clearway_inspection.appointments import service as appointments
from clearway_inspection.checks import service as checks
from clearway_inspection.declarations import repository
from clearway_inspection.declarations.models import OPEN_STATUSES, changed_vehicles
from clearway_inspection.inspections import service as inspections
from clearway_inspection.risk import service as risk
from clearway_platform.uow import UnitOfWork


async def accept(*, uow: UnitOfWork, declaration: DeclarationSnapshot, now: datetime) -> None:
    """Two statements for a new declaration (three when yellow): the lane is known before
    the copy is written, so the copy is written with it."""
    decision = await risk.assess_current(uow=uow, declaration=declaration, now=now)
    if await repository.insert_new(uow.session, declaration, lane=decision.lane):
        await risk.record(uow=uow, declaration=declaration, decision=decision, now=now)
        await _open_work(uow, declaration, decision.lane, now)


async def amend(
    *, uow: UnitOfWork, declaration: DeclarationSnapshot, risk_relevant: bool, now: datetime
) -> None:
    known = await repository.get(uow.session, declaration.declaration_id, for_update=True)
    if known is None:  # its acceptance never reached us: treat the amendment as one
        await accept(uow=uow, declaration=declaration, now=now)
        return
    if declaration.revision <= known.snapshot.revision:
        return  # an older revision than the one we hold
    await repository.replace(uow.session, declaration)
    changed = changed_vehicles(known.snapshot, declaration)
    if changed:
        await inspections.drop_findings(
            uow=uow, declaration_id=declaration.declaration_id, vins=changed
        )
    if risk_relevant and known.status in OPEN_STATUSES:
        await _reassess(uow, declaration, now)


async def cancel(*, uow: UnitOfWork, declaration_id: UUID, now: datetime) -> None:
    await record_status(
        uow=uow, declaration_id=declaration_id, status=DeclarationStatus.CANCELLED, now=now
    )


async def record_status(
    *, uow: UnitOfWork, declaration_id: UUID, status: DeclarationStatus, now: datetime
) -> None:
    """The declaration service's word on the status; a finished declaration's work closes."""
    before = await repository.set_status(uow.session, declaration_id, status)
    if before in OPEN_STATUSES and status not in OPEN_STATUSES:
        await _close_work(uow, declaration_id, keep=None, now=now)


async def _reassess(uow: UnitOfWork, declaration: DeclarationSnapshot, now: datetime) -> None:
    """A new lane for an amended declaration: the previous lane's work may be under way."""
    decision = await risk.decide(uow=uow, declaration=declaration, now=now)
    await repository.set_lane(
        uow.session, declaration.declaration_id, decision.lane, declaration.revision
    )
    await _close_work(uow, declaration.declaration_id, keep=decision.lane, now=now)
    await _open_work(uow, declaration, decision.lane, now)


async def _open_work(
    uow: UnitOfWork, declaration: DeclarationSnapshot, lane: Lane, now: datetime
) -> None:
    """Open the work a lane needs now: a yellow lane's document check (a red lane's
    inspection waits for the declarant's booking)."""
    if lane is Lane.YELLOW:
        await checks.open_check(
            uow=uow,
            declaration_id=declaration.declaration_id,
            office=declaration.routing.inspection_office,
            at=now,
        )


async def _close_work(
    uow: UnitOfWork, declaration_id: UUID, *, keep: Lane | None, now: datetime
) -> None:
    """Close the open work of every lane but ``keep``."""
    if keep is not Lane.YELLOW:
        await checks.close_open(uow=uow, declaration_id=declaration_id)
    if keep is not Lane.RED:
        await appointments.cancel_booking_of(uow=uow, declaration_id=declaration_id, now=now)
        await inspections.close_waiting(uow=uow, declaration_id=declaration_id)

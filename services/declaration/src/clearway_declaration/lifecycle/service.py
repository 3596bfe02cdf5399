"""Moving a declaration along its lifecycle as other services report on it."""

from datetime import datetime
from uuid import UUID

from clearway_contracts.events.declaration import DeclarationStatusChanged
from clearway_declaration.lifecycle import repository
from clearway_declaration.lifecycle.models import LIVE, Observation, Status, TimelineEntry
from clearway_declaration.metrics import count_status, lane_of
from clearway_platform.clock import Clock, system_clock
from clearway_platform.errors import PermanentEventError
from clearway_platform.uow import UnitOfWork


async def observe(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    observation: Observation,
    cause: str,
    clock: Clock = system_clock,
) -> None:
    """Apply ``observation`` and record it in the timeline, refused or not.

    Runs inside the consumer's transaction, which commits it with the inbox row.
    """
    tracking = await repository.lock_tracking(uow.session, declaration_id)
    if tracking is None:
        raise PermanentEventError(f"declaration {declaration_id} does not exist here")
    after, entry = tracking.observe(observation, cause=cause)
    now = clock()
    if after != tracking:
        await repository.update_tracking(uow.session, declaration_id, after, at=now)
    if tracking.status in LIVE and after.status not in LIVE:
        await repository.free_vins(uow.session, declaration_id)
    await repository.add_timeline(uow.session, declaration_id, [entry])
    announce_status(
        uow,
        declaration_id=declaration_id,
        customs_number=tracking.customs_number,
        revision=tracking.revision,
        previous=tracking.status,
        status=after.status,
        cause=cause,
        at=now,
        lane=lane_of(after.progress),
        lodged_at=tracking.accepted_at,
    )


def announce_status(
    uow: UnitOfWork,
    *,
    declaration_id: UUID,
    customs_number: str,
    revision: int,
    previous: Status,
    status: Status,
    cause: str,
    at: datetime,
    lane: str,
    lodged_at: datetime | None,
) -> None:
    """Publish the change of status, if it is one: the release service puts a decision in
    force on it, the inspection service stops work on a finished declaration. It is counted
    (``clearway_declaration.metrics``) once the transaction commits."""
    if status is not previous:
        count_status(uow, status=status, lane=lane, lodged_at=lodged_at, at=at)
        uow.publish(
            DeclarationStatusChanged(
                declaration_id=declaration_id,
                customs_number=customs_number,
                revision=revision,
                previous_status=previous,
                status=status,
                cause=cause,
                changed_at=at,
            )
        )


async def record(*, uow: UnitOfWork, declaration_id: UUID, entry: TimelineEntry) -> None:
    """Add ``entry`` to the declaration's timeline, in the caller's transaction."""
    await repository.add_timeline(uow.session, declaration_id, [entry])


async def timeline(*, uow: UnitOfWork, declaration_id: UUID) -> list[TimelineEntry]:
    return await repository.history(uow.session, declaration_id)


async def free_vehicles(*, uow: UnitOfWork, declaration_id: UUID) -> None:
    """The declaration is no longer live: its vehicles may be declared again."""
    await repository.free_vins(uow.session, declaration_id)

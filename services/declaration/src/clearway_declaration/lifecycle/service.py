"""Moving a declaration along its lifecycle as other services report on it."""

from uuid import UUID

from clearway_declaration.declarations import repository
from clearway_declaration.lifecycle.models import LIVE, Observation
from clearway_shared.clock import Clock, system_clock
from clearway_shared.errors import PermanentEventError
from clearway_shared.uow import UnitOfWork


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
    if after != tracking:
        await repository.update_tracking(uow.session, declaration_id, after, at=clock())
    if tracking.status in LIVE and after.status not in LIVE:
        await repository.free_vins(uow.session, declaration_id)
    await repository.add_timeline(uow.session, declaration_id, [entry])

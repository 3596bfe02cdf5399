"""The declaration service's events, as this service consumes them."""

from clearway_contracts.events.declaration import (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationCancelled,
    DeclarationStatusChanged,
)
from clearway_contracts.events.envelope import Envelope
from clearway_inspection.lanes import service
from clearway_platform.clock import Clock, system_clock
from clearway_platform.handlers import EventHandlers
from clearway_platform.uow import UnitOfWork


def handlers(clock: Clock = system_clock) -> EventHandlers:
    """The consumer's handlers; ``clock`` stamps lane decisions and the work they open."""
    handlers = EventHandlers()

    @handlers.on(DeclarationAccepted)
    async def on_accepted(uow: UnitOfWork, event: DeclarationAccepted, _: Envelope) -> None:
        await service.accept(uow=uow, declaration=event, now=clock())

    @handlers.on(DeclarationAmended)
    async def on_amended(uow: UnitOfWork, event: DeclarationAmended, _: Envelope) -> None:
        await service.amend(
            uow=uow, declaration=event, risk_relevant=event.risk_relevant, now=clock()
        )

    @handlers.on(DeclarationCancelled)
    async def on_cancelled(uow: UnitOfWork, event: DeclarationCancelled, _: Envelope) -> None:
        await service.cancel(uow=uow, declaration_id=event.declaration_id, now=clock())

    @handlers.on(DeclarationStatusChanged)
    async def on_status_changed(
        uow: UnitOfWork, event: DeclarationStatusChanged, _: Envelope
    ) -> None:
        await service.record_status(
            uow=uow, declaration_id=event.declaration_id, status=event.status, now=clock()
        )

    return handlers

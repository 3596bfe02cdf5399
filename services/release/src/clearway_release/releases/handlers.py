"""Declaration and inspection events, turned into facts of the release case."""

from clearway_contracts.events.common import DeclarationSnapshot
from clearway_contracts.events.declaration import (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationCancelled,
    DeclarationStatusChanged,
)
from clearway_contracts.events.envelope import Envelope
from clearway_contracts.events.inspection import (
    DocumentCheckCompleted,
    InspectionCompleted,
    LaneAssigned,
)
from clearway_platform.clock import Clock, system_clock
from clearway_platform.errors import PermanentEventError
from clearway_platform.handlers import EventHandlers
from clearway_platform.uow import UnitOfWork
from clearway_release.cases.models import CheckFact, CheckKind, DeclarationFacts, LaneFact
from clearway_release.releases import service


def handlers(clock: Clock = system_clock) -> EventHandlers:
    """The consumer's handlers; ``clock`` stamps release and refusal times."""
    handlers = EventHandlers()

    @handlers.on(DeclarationAccepted)
    async def on_accepted(uow: UnitOfWork, event: DeclarationAccepted, _: Envelope) -> None:
        await service.record_declaration(
            uow=uow,
            declaration_id=event.declaration_id,
            facts=declaration_facts(event),
            risk_relevant=True,
            now=clock(),
        )

    @handlers.on(DeclarationAmended)
    async def on_amended(uow: UnitOfWork, event: DeclarationAmended, _: Envelope) -> None:
        await service.record_declaration(
            uow=uow,
            declaration_id=event.declaration_id,
            facts=declaration_facts(event),
            risk_relevant=event.risk_relevant,
            now=clock(),
        )

    @handlers.on(DeclarationCancelled)
    async def on_cancelled(uow: UnitOfWork, event: DeclarationCancelled, _: Envelope) -> None:
        await service.record_cancellation(uow=uow, declaration_id=event.declaration_id, now=clock())

    @handlers.on(DeclarationStatusChanged)
    async def on_status_changed(
        uow: UnitOfWork, event: DeclarationStatusChanged, _: Envelope
    ) -> None:
        await service.record_status(
            uow=uow,
            declaration_id=event.declaration_id,
            status=event.status,
            revision=event.revision,
            now=clock(),
        )

    @handlers.on(LaneAssigned)
    async def on_lane(uow: UnitOfWork, event: LaneAssigned, _: Envelope) -> None:
        await service.record_lane(
            uow=uow,
            declaration_id=event.declaration_id,
            lane=LaneFact(lane=event.lane, revision=event.revision),
            now=clock(),
        )

    @handlers.on(DocumentCheckCompleted)
    async def on_document_check(
        uow: UnitOfWork, event: DocumentCheckCompleted, _: Envelope
    ) -> None:
        await service.record_check(
            uow=uow,
            declaration_id=event.declaration_id,
            check=CheckFact(
                kind=CheckKind.DOCUMENTS,
                outcome=event.outcome,
                revision=event.revision,
                reasons=tuple(event.reasons),
            ),
            now=clock(),
        )

    @handlers.on(InspectionCompleted)
    async def on_inspection(uow: UnitOfWork, event: InspectionCompleted, _: Envelope) -> None:
        await service.record_check(
            uow=uow,
            declaration_id=event.declaration_id,
            check=CheckFact(
                kind=CheckKind.PHYSICAL,
                outcome=event.outcome,
                revision=event.revision,
                reasons=tuple(event.reasons),
            ),
            now=clock(),
        )

    return handlers


def declaration_facts(snapshot: DeclarationSnapshot) -> DeclarationFacts:
    facts = DeclarationFacts(
        revision=snapshot.revision,
        customs_number=snapshot.customs_number,
        declarant=snapshot.declarant.customs_code,
        routing=snapshot.routing,
        transport=snapshot.transport,
        transit=snapshot.transit,
        vins=tuple(item.vehicle.vin for item in snapshot.items if item.vehicle is not None),
    )
    if facts.direct_transfer and facts.transit is None:
        raise PermanentEventError("a direct transfer without transit terms cannot be released")
    return facts

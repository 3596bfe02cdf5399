"""Use cases of the declarant and of readers: lodge, amend, cancel, find and list declarations.

``tenant`` is the forwarder's declarant code: a forwarder acts on its own declarations only;
``tenant=None`` (officers, inspectors, admins) reads any.
"""

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID, uuid4

from clearway_contracts.events.common import RoutingPlan
from clearway_contracts.events.declaration import (
    DeclarationAccepted,
    DeclarationAmended,
    DeclarationCancelled,
)
from clearway_declaration.codelists import service as code_lists
from clearway_declaration.codelists.models import CodeLists
from clearway_declaration.declarations import repository, rules
from clearway_declaration.declarations.models import (
    Declaration,
    DeclarationContent,
    DeclarationFilters,
    DeclarationSummary,
    VehicleAlreadyDeclared,
    customs_number_prefix,
)
from clearway_declaration.lifecycle import service as lifecycle
from clearway_declaration.lifecycle.models import (
    AFTER_RELEASE,
    IllegalTransition,
    Status,
    Step,
    TimelineEntry,
    advance,
)
from clearway_declaration.lifecycle.service import announce_status
from clearway_declaration.metrics import count_status, lane_of
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import Conflict, InvalidInput, NotFound
from clearway_platform.uow import UnitOfWork


async def _code_lists_for(uow: UnitOfWork, content: DeclarationContent) -> CodeLists | None:
    """The current code lists when the content is on the full form (the short form needs none,
    and is spared the query)."""
    return await code_lists.current(uow=uow) if content.uses_full_form else None


@dataclass(frozen=True)
class DeclarationWithTimeline:
    declaration: Declaration
    timeline: list[TimelineEntry]
    replayed: bool = False  # an idempotent retry answered from the first request


async def lodge(
    *,
    uow: UnitOfWork,
    tenant: str,
    actor: str,
    content: DeclarationContent,
    routing: RoutingPlan,
    idempotency_key: str | None = None,
    clock: Clock = system_clock,
) -> DeclarationWithTimeline:
    """Validate and accept a declaration: it gets its customs number and is published."""
    if content.declarant.customs_code != tenant:
        raise InvalidInput.at(
            "declarant.customs_code", "you may only declare as your own declarant"
        )
    now = clock()
    lists = await _code_lists_for(uow, content)
    content = rules.accept(content, routing, today=now.date(), lists=lists)
    async with uow:
        declaration_id = uuid4()
        if idempotency_key is not None:
            earlier = await repository.claim_idempotency_key(
                uow.session,
                tenant=tenant,
                key=idempotency_key,
                request_hash=_fingerprint(content, routing),
                declaration_id=declaration_id,
            )
            if earlier is not None:
                return await _replay(uow, *earlier, content, routing)
        status = advance(Status.SUBMITTED, Step.ACCEPT)
        entry = TimelineEntry(
            at=now,
            kind="accepted",
            previous_status=Status.SUBMITTED,
            status=status,
            cause=actor,
            detail="customs number %s",  # the statement fills in the number it draws
        )
        lodged = await repository.lodge(
            uow.session,
            declaration_id=declaration_id,
            number_prefix=customs_number_prefix(routing.declaring_office, now),
            routing=routing,
            offices=routing.offices(),
            content=content,
            entry=entry,
        )
        _refuse_taken_vins(content, lodged.taken_vins)
        declaration = Declaration(
            id=declaration_id,
            customs_number=lodged.customs_number,
            revision=1,
            status=status,
            routing=routing,
            content=content,
            accepted_at=now,
            updated_at=now,
        )
        uow.publish(DeclarationAccepted(**declaration.snapshot()))
        count_status(uow, status=declaration.status, lane="none")
        await uow.commit()
    entry = replace(entry, detail=f"customs number {declaration.customs_number}")
    return DeclarationWithTimeline(declaration, [entry])


async def amend(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    tenant: str,
    actor: str,
    content: DeclarationContent,
    reason: str,
    clock: Clock = system_clock,
) -> DeclarationWithTimeline:
    """Replace what was declared, before release; a change risk looked at goes to risk again."""
    now = clock()
    lists = await _code_lists_for(uow, content)
    async with uow:
        current = await _locked(uow, declaration_id, tenant)
        if content.declarant.customs_code != current.content.declarant.customs_code:
            raise InvalidInput.at(
                "declarant.customs_code", "the declarant of a declaration cannot change"
            )
        risk_relevant = content.risk_view() != current.content.risk_view()
        step = Step.AMEND_FOR_RISK if risk_relevant else Step.AMEND
        status = _advance(current, step, "amended")
        progress = dict(current.progress)
        if risk_relevant:
            progress.pop("lane", None)  # it judged the old content; a new lane will come
        amended = current.model_copy(
            update={
                "content": rules.accept(content, current.routing, today=now.date(), lists=lists),
                "status": status,
                "revision": current.revision + 1,
                "updated_at": now,
                "progress": progress,
            }
        )
        await repository.drop_vins(uow.session, declaration_id)
        await _claim_vins(uow, amended)
        await repository.update_declaration(uow.session, amended)
        entry = TimelineEntry(
            at=now,
            kind="amended",
            previous_status=current.status,
            status=status,
            cause=actor,
            detail=f"revision {amended.revision}: {reason}"
            + ("; risk assessment again" if risk_relevant else ""),
        )
        await lifecycle.record(uow=uow, declaration_id=declaration_id, entry=entry)
        uow.publish(
            DeclarationAmended(**amended.snapshot(), risk_relevant=risk_relevant, amended_at=now)
        )
        _announce(uow, current, amended, actor, now)
        timeline = await lifecycle.timeline(uow=uow, declaration_id=declaration_id)
        await uow.commit()
    return DeclarationWithTimeline(amended, timeline)


async def cancel(
    *,
    uow: UnitOfWork,
    declaration_id: UUID,
    tenant: str,
    actor: str,
    reason: str,
    clock: Clock = system_clock,
) -> DeclarationWithTimeline:
    """Withdraw a declaration before release; its vehicles may be declared again."""
    now = clock()
    async with uow:
        current = await _locked(uow, declaration_id, tenant)
        status = _advance(current, Step.CANCEL, "cancelled")
        cancelled = current.model_copy(update={"status": status, "updated_at": now})
        await repository.update_declaration(uow.session, cancelled)
        await lifecycle.free_vehicles(uow=uow, declaration_id=declaration_id)
        entry = TimelineEntry(
            at=now,
            kind="cancelled",
            previous_status=current.status,
            status=status,
            cause=actor,
            detail=reason,
        )
        await lifecycle.record(uow=uow, declaration_id=declaration_id, entry=entry)
        uow.publish(
            DeclarationCancelled(
                declaration_id=declaration_id,
                customs_number=current.customs_number,
                reason=reason,
                cancelled_at=now,
            )
        )
        _announce(uow, current, cancelled, actor, now)
        timeline = await lifecycle.timeline(uow=uow, declaration_id=declaration_id)
        await uow.commit()
    return DeclarationWithTimeline(cancelled, timeline)


async def find(
    *, uow: UnitOfWork, declaration_id: UUID, tenant: str | None
) -> DeclarationWithTimeline:
    async with uow:
        found = await repository.read(uow.session, declaration_id, declarant=tenant)
    if found is None:
        raise NotFound("declaration")
    return DeclarationWithTimeline(*found)


async def search(
    *,
    uow: UnitOfWork,
    tenant: str | None,
    filters: DeclarationFilters,
    after: tuple[datetime, UUID] | None = None,
    limit: int = 50,
) -> list[DeclarationSummary]:
    if tenant is not None:
        filters = replace(filters, declarant=tenant)
    async with uow:
        return await repository.search(uow.session, filters, after=after, limit=limit)


async def _claim_vins(uow: UnitOfWork, declaration: Declaration) -> None:
    content = declaration.content
    _refuse_taken_vins(
        content, await repository.claim_vins(uow.session, declaration.id, content.vins)
    )


def _refuse_taken_vins(content: DeclarationContent, taken: set[str]) -> None:
    """Raising rolls the unit of work back: nothing is stored."""
    if taken:
        raise VehicleAlreadyDeclared(
            [
                f"items[{index}].vehicle.vin"
                for index, item in enumerate(content.items)
                if item.vehicle and item.vehicle.vin in taken
            ]
        )


async def _locked(uow: UnitOfWork, declaration_id: UUID, tenant: str) -> Declaration:
    declaration = await repository.find(uow.session, declaration_id, declarant=tenant, lock=True)
    if declaration is None:
        raise NotFound("declaration")
    return declaration


def _advance(declaration: Declaration, step: Step, verb: str) -> Status:
    try:
        return advance(declaration.status, step)
    except IllegalTransition:
        detail = f"a declaration that is {declaration.status} cannot be {verb}"
        if declaration.status in AFTER_RELEASE:
            detail += f": revision {declaration.revision} was released and is final"
        raise Conflict(detail) from None


def _announce(
    uow: UnitOfWork, before: Declaration, after: Declaration, actor: str, at: datetime
) -> None:
    announce_status(
        uow,
        declaration_id=after.id,
        customs_number=after.customs_number,
        revision=after.revision,
        previous=before.status,
        status=after.status,
        cause=actor,
        at=at,
        lane=lane_of(after.progress),
        lodged_at=after.accepted_at,
    )


async def _replay(
    uow: UnitOfWork,
    request_hash: str,
    declaration_id: UUID,
    content: DeclarationContent,
    routing: RoutingPlan,
) -> DeclarationWithTimeline:
    if request_hash != _fingerprint(content, routing):
        raise InvalidInput.at(
            "Idempotency-Key", "this key was used for a different request; use a new key"
        )
    declaration = await repository.find(uow.session, declaration_id)
    assert declaration is not None  # the key and its declaration were committed together
    timeline = await lifecycle.timeline(uow=uow, declaration_id=declaration_id)
    return DeclarationWithTimeline(declaration, timeline, replayed=True)


def _fingerprint(content: DeclarationContent, routing: RoutingPlan) -> str:
    request = [content.model_dump(mode="json"), routing.model_dump(mode="json")]
    return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()

"""Use cases at the inspection site: check-in at the gate, and the inspectors' tablet."""

from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import Lane, Outcome, Reason, Vehicle
from clearway_contracts.events.inspection import (
    AcceptedDiscrepancy,
    InspectionCompleted,
    VehicleArrived,
)
from clearway_inspection.appointments import repository as appointments
from clearway_inspection.declarations import repository as declarations
from clearway_inspection.declarations.models import TrackedDeclaration
from clearway_inspection.inspections import repository
from clearway_inspection.inspections.models import (
    Finding,
    Inspection,
    InspectionStatus,
    check_finding,
    passing,
)
from clearway_inspection.metrics import count_completion
from clearway_inspection.outcomes import check_reasons
from clearway_inspection.sites import repository as sites
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import Conflict, InvalidInput, NotFound
from clearway_platform.uow import UnitOfWork


@dataclass(frozen=True)
class CheckIn:
    inspection: Inspection
    new: bool  # False: the vehicle had checked in already (a gate retrying)


@dataclass(frozen=True)
class InspectionDetail:
    inspection: Inspection
    revision: int  # the declaration's current revision: the one an outcome is for
    vehicles: list[Vehicle]
    findings: list[Finding]


async def check_in(
    *, uow: UnitOfWork, site_id: str, reference: str, actor: str, clock: Clock = system_clock
) -> CheckIn:
    """A vehicle arrived: find its red-lane declaration by customs number, VIN or plate and
    put it in the site's queue, on its appointment or (at a 24-hour site) without one."""
    now = clock()
    async with uow:
        site = await sites.get(uow.session, site_id)
        if site is None:
            raise NotFound(f"site {site_id}")
        declaration = _one_to_inspect(
            await declarations.find_by_reference(uow.session, reference, office=site.office),
            reference,
            site.office,
        )
        already = await repository.waiting_for(uow.session, declaration.id)
        if already is not None:
            return CheckIn(already, new=False)
        appointment = await appointments.booked_for(uow.session, declaration.id)
        if appointment is not None and appointment.site_id != site.id:
            raise Conflict(f"the appointment is at site {appointment.site_id}")
        if appointment is None and not site.inspection_on_arrival:
            raise Conflict(f"{site.id} inspects by appointment only: book a slot first")
        inspection = Inspection(
            id=uuid4(),
            declaration_id=declaration.id,
            customs_number=declaration.snapshot.customs_number,
            site_id=site.id,
            appointment_id=appointment.id if appointment else None,
            slot_start=appointment.slot_start if appointment else None,
            arrived_at=now,
            checked_in_by=actor,
            status=InspectionStatus.WAITING,
        )
        if appointment is not None:
            await appointments.mark_arrived(uow.session, appointment.id, at=now)
        await repository.add(uow.session, inspection)
        uow.publish(
            VehicleArrived(
                declaration_id=declaration.id,
                site_id=site.id,
                appointment_id=inspection.appointment_id,
                arrived_at=now,
                checked_in_by=actor,
            )
        )
        await uow.commit()
    return CheckIn(inspection, new=True)


async def site_queue(*, uow: UnitOfWork, site_id: str) -> list[Inspection]:
    async with uow:
        return await repository.queue(uow.session, site_id)


async def detail(*, uow: UnitOfWork, site_id: str, inspection_id: UUID) -> InspectionDetail:
    async with uow:
        inspection = await _at_site(uow.session, site_id, inspection_id)
        declaration = await declarations.get(uow.session, inspection.declaration_id)
        assert declaration is not None  # an inspection belongs to a declaration we keep
        return InspectionDetail(
            inspection=inspection,
            revision=declaration.revision,
            vehicles=declaration.vehicles,
            findings=await repository.findings_of(uow.session, inspection_id),
        )


async def claim(
    *,
    uow: UnitOfWork,
    site_id: str,
    inspection_id: UUID,
    inspector: str,
    clock: Clock = system_clock,
) -> Inspection:
    """Take the inspection; the claim lapses after a spell with nothing recorded."""
    now = clock()
    async with uow:
        inspection, _ = await _open(uow, site_id, inspection_id)
        if inspection.held_by_another(inspector, now):
            raise Conflict(
                f"{inspection.claimed_by} is inspecting this until "
                f"{inspection.claim_expires_at:%Y-%m-%dT%H:%M:%SZ} unless they record something"
            )
        claimed = inspection.claimed(inspector, now)
        await repository.set_claim(uow.session, claimed)
        await uow.commit()
    return claimed


async def record_finding(
    *,
    uow: UnitOfWork,
    site_id: str,
    inspection_id: UUID,
    inspector: str,
    finding: Finding,
    clock: Clock = system_clock,
) -> Finding:
    """Save what was found on one vehicle; each save stands on its own and renews the claim."""
    check_finding(finding)
    now = clock()
    async with uow:
        inspection, declaration = await _in_hand(uow, site_id, inspection_id, inspector, now)
        if finding.vin not in {vehicle.vin for vehicle in declaration.vehicles}:
            raise InvalidInput.at("vin", f"{finding.vin} is not a vehicle of this declaration")
        saved = replace(finding, recorded_by=inspector, recorded_at=now)
        await repository.save_finding(uow.session, inspection.id, saved)
        await uow.commit()
    return saved


async def complete(
    *,
    uow: UnitOfWork,
    site_id: str,
    inspection_id: UUID,
    inspector: str,
    revision: int,
    outcome: Outcome,
    reasons: list[Reason],
    accepted: list[AcceptedDiscrepancy],
    clock: Clock = system_clock,
) -> Inspection:
    """Finish the inspection the inspector holds, for the declaration's ``revision``: passed
    only when every vehicle was inspected and every discrepancy accepted with a reason."""
    check_reasons(outcome, reasons)
    if outcome is Outcome.FAILED and accepted:
        raise InvalidInput.at(
            "accepted_discrepancies", "a failed inspection accepts no discrepancy"
        )
    now = clock()
    async with uow:
        inspection, declaration = await _in_hand(uow, site_id, inspection_id, inspector, now)
        if revision != declaration.revision:
            raise Conflict(
                f"the declaration is at revision {declaration.revision}, not {revision}: "
                "review what changed and decide again"
            )
        findings = await repository.findings_of(uow.session, inspection.id)
        if outcome is Outcome.PASSED:
            accepted = passing([v.vin for v in declaration.vehicles], findings, accepted)
        status = InspectionStatus(outcome.value)
        await repository.finish(
            uow.session,
            inspection.id,
            status=status,
            revision=revision,
            reasons=reasons,
            accepted=accepted,
            at=now,
        )
        await declarations.mark_checked(uow.session, declaration.id, revision)
        uow.publish(
            InspectionCompleted(
                declaration_id=inspection.declaration_id,
                revision=revision,
                site_id=site_id,
                outcome=outcome,
                reasons=reasons,
                inspector=inspector,
                vehicles_inspected=len(findings),
                accepted_discrepancies=accepted,
                completed_at=now,
            )
        )
        count_completion(uow, check="inspection", outcome=outcome.value)
        await uow.commit()
    return replace(inspection, status=status, revision=revision)


async def _at_site(session: AsyncSession, site_id: str, inspection_id: UUID) -> Inspection:
    inspection = await repository.get_at_site_for_update(session, inspection_id, site_id)
    if inspection is None:
        raise NotFound(f"inspection {inspection_id} at site {site_id}")
    return inspection


async def _open(
    uow: UnitOfWork, site_id: str, inspection_id: UUID
) -> tuple[Inspection, TrackedDeclaration]:
    """The inspection, still waiting, and its declaration, still to be inspected."""
    inspection = await _at_site(uow.session, site_id, inspection_id)
    if inspection.status is not InspectionStatus.WAITING:
        raise Conflict(f"this inspection is {inspection.status}")
    declaration = await declarations.get(uow.session, inspection.declaration_id)
    assert declaration is not None  # an inspection belongs to a declaration we keep
    refusal = declaration.work_refusal(Lane.RED)
    if refusal is not None:
        raise Conflict(f"no inspection work now: {refusal}")
    return inspection, declaration


async def _in_hand(
    uow: UnitOfWork, site_id: str, inspection_id: UUID, inspector: str, now: datetime
) -> tuple[Inspection, TrackedDeclaration]:
    """The inspection ``inspector`` holds the claim of, the claim renewed."""
    inspection, declaration = await _open(uow, site_id, inspection_id)
    if not inspection.held_by(inspector, now):
        raise Conflict("claim the inspection first: findings and outcomes need your claim")
    claimed = inspection.claimed(inspector, now)
    await repository.set_claim(uow.session, claimed)
    return claimed, declaration


def _one_to_inspect(
    found: list[TrackedDeclaration], reference: str, office: str
) -> TrackedDeclaration:
    """The one declaration ``reference`` names that is waiting for its inspection."""
    if not found:
        raise NotFound(f"a declaration for {reference!r} at office {office}")
    waiting = [declaration for declaration in found if declaration.open_for_inspection]
    if len(waiting) > 1:
        raise Conflict(f"{reference!r} is on several declarations: use the customs number")
    if not waiting:
        latest = found[0]
        raise Conflict(
            f"{latest.snapshot.customs_number} cannot be inspected: {latest.work_refusal(Lane.RED)}"
        )
    return waiting[0]


async def drop_findings(*, uow: UnitOfWork, declaration_id: UUID, vins: set[str]) -> None:
    """The declared items of ``vins`` changed: what was found on them was about something else.

    Runs inside the caller's transaction (an event consumer's)."""
    await repository.drop_findings(uow.session, declaration_id, vins)


async def close_waiting(*, uow: UnitOfWork, declaration_id: UUID) -> None:
    """The declaration left the red lane or is finished: its waiting inspection closes.

    Runs inside the caller's transaction (an event consumer's)."""
    await repository.close_waiting(uow.session, declaration_id)

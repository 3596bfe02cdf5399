"""Use cases at the inspection site: check-in at the gate, and the inspectors' tablet."""

from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from clearway_inspection.appointments import repository as appointments
from clearway_inspection.declarations import repository as declarations
from clearway_inspection.inspections import repository
from clearway_inspection.inspections.models import Finding, Inspection, InspectionStatus
from clearway_inspection.outcomes import ReasonsRequired, check_reasons
from clearway_inspection.sites import repository as sites
from clearway_shared.clock import Clock, system_clock
from clearway_shared.events.common import Outcome, Reason, Vehicle
from clearway_shared.events.inspection import InspectionCompleted, VehicleArrived
from clearway_shared.problems import conflict, invalid, not_found
from clearway_shared.uow import UnitOfWork


@dataclass(frozen=True)
class CheckIn:
    inspection: Inspection
    new: bool  # False: the vehicle had checked in already (a gate retrying)


@dataclass(frozen=True)
class InspectionDetail:
    inspection: Inspection
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
            raise not_found(f"site {site_id}")
        found = [
            d
            for d in await declarations.find_open_by_reference(uow.session, reference)
            if d.snapshot.routing.inspection_office == site.office
        ]
        if not found:
            raise not_found(f"a red-lane declaration for {reference!r} at office {site.office}")
        if len(found) > 1:
            raise conflict(f"{reference!r} is on several declarations: use the customs number")
        declaration = found[0]
        already = await repository.waiting_for(uow.session, declaration.id)
        if already is not None:
            return CheckIn(already, new=False)
        appointment = await appointments.booked_for(uow.session, declaration.id)
        if appointment is not None and appointment.site_id != site.id:
            raise conflict(f"the appointment is at site {appointment.site_id}")
        if appointment is None and not site.inspection_on_arrival:
            raise conflict(f"{site.id} inspects by appointment only: book a slot first")
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
        return InspectionDetail(
            inspection=inspection,
            vehicles=await _vehicles(uow.session, inspection),
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
    async with uow:
        claimed = await _claimed(uow.session, site_id, inspection_id, inspector, clock())
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
    now = clock()
    async with uow:
        inspection = await _claimed(uow.session, site_id, inspection_id, inspector, now)
        declared = {vehicle.vin for vehicle in await _vehicles(uow.session, inspection)}
        if finding.vin not in declared:
            raise invalid("vin", f"{finding.vin} is not a vehicle of this declaration")
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
    outcome: Outcome,
    reasons: list[Reason],
    clock: Clock = system_clock,
) -> Inspection:
    try:
        check_reasons(outcome, reasons)
    except ReasonsRequired as exc:
        raise invalid("reasons", str(exc)) from None
    now = clock()
    async with uow:
        inspection = await _claimed(uow.session, site_id, inspection_id, inspector, now)
        declaration = await declarations.get(uow.session, inspection.declaration_id)
        assert declaration is not None
        status = InspectionStatus(outcome.value)
        await repository.finish(uow.session, inspection.id, status=status, reasons=reasons, at=now)
        uow.publish(
            InspectionCompleted(
                declaration_id=inspection.declaration_id,
                revision=declaration.snapshot.revision,
                site_id=site_id,
                outcome=outcome,
                reasons=reasons,
                inspector=inspector,
                vehicles_inspected=await repository.count_findings(uow.session, inspection.id),
                completed_at=now,
            )
        )
        await uow.commit()
    return replace(inspection, status=status)


async def _at_site(session: AsyncSession, site_id: str, inspection_id: UUID) -> Inspection:
    inspection = await repository.get_at_site_for_update(session, inspection_id, site_id)
    if inspection is None:
        raise not_found(f"inspection {inspection_id} at site {site_id}")
    return inspection


async def _claimed(
    session: AsyncSession, site_id: str, inspection_id: UUID, inspector: str, now: datetime
) -> Inspection:
    """The inspection, claimed (or the claim renewed) by ``inspector``, still waiting."""
    inspection = await _at_site(session, site_id, inspection_id)
    if inspection.status is not InspectionStatus.WAITING:
        raise conflict(f"this inspection is {inspection.status}")
    if inspection.held_by_another(inspector, now):
        raise conflict(
            f"{inspection.claimed_by} is inspecting this until "
            f"{inspection.claim_expires_at:%Y-%m-%dT%H:%M:%SZ} unless they record something"
        )
    claimed = inspection.claimed(inspector, now)
    await repository.set_claim(session, claimed)
    return claimed


async def _vehicles(session: AsyncSession, inspection: Inspection) -> list[Vehicle]:
    declaration = await declarations.get(session, inspection.declaration_id)
    assert declaration is not None
    return [item.vehicle for item in declaration.snapshot.items if item.vehicle is not None]

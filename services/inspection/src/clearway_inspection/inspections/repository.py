"""Inspections, the site queues and the findings."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import RowMapping, Select, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_contracts.events.common import Reason
from clearway_contracts.events.inspection import AcceptedDiscrepancy
from clearway_inspection.db import declarations, findings, inspections
from clearway_inspection.inspections.models import Finding, Inspection, InspectionStatus


def _with_customs_number() -> Select[tuple[object, ...]]:
    return select(inspections, declarations.c.customs_number).join(
        declarations, declarations.c.id == inspections.c.declaration_id
    )


async def add(session: AsyncSession, inspection: Inspection) -> None:
    await session.execute(
        inspections.insert().values(
            id=inspection.id,
            declaration_id=inspection.declaration_id,
            site_id=inspection.site_id,
            appointment_id=inspection.appointment_id,
            slot_start=inspection.slot_start,
            arrived_at=inspection.arrived_at,
            checked_in_by=inspection.checked_in_by,
            status=inspection.status,
        )
    )


async def waiting_for(session: AsyncSession, declaration_id: UUID) -> Inspection | None:
    query = _with_customs_number().where(
        inspections.c.declaration_id == declaration_id,
        inspections.c.status == InspectionStatus.WAITING,
    )
    row = (await session.execute(query)).mappings().first()
    return _inspection(row) if row else None


async def queue(session: AsyncSession, site_id: str) -> list[Inspection]:
    """Booked vehicles by slot time first, then those that came without a booking, each by
    arrival order."""
    query = (
        _with_customs_number()
        .where(inspections.c.site_id == site_id, inspections.c.status == InspectionStatus.WAITING)
        .order_by(inspections.c.slot_start.asc().nulls_last(), inspections.c.arrived_at)
    )
    return [_inspection(row) for row in (await session.execute(query)).mappings()]


async def get_at_site_for_update(
    session: AsyncSession, inspection_id: UUID, site_id: str
) -> Inspection | None:
    query = _with_customs_number().where(
        inspections.c.id == inspection_id, inspections.c.site_id == site_id
    )
    row = (await session.execute(query.with_for_update(of=inspections))).mappings().first()
    return _inspection(row) if row else None


async def set_claim(session: AsyncSession, inspection: Inspection) -> None:
    await session.execute(
        update(inspections)
        .where(inspections.c.id == inspection.id)
        .values(claimed_by=inspection.claimed_by, claim_expires_at=inspection.claim_expires_at)
    )


async def finish(
    session: AsyncSession,
    inspection_id: UUID,
    *,
    status: InspectionStatus,
    revision: int,
    reasons: list[Reason],
    accepted: list[AcceptedDiscrepancy],
    at: datetime,
) -> None:
    await session.execute(
        update(inspections)
        .where(inspections.c.id == inspection_id)
        .values(
            status=status,
            revision=revision,
            reasons=[reason.model_dump() for reason in reasons],
            accepted_discrepancies=[item.model_dump(mode="json") for item in accepted],
            completed_at=at,
            claim_expires_at=None,
        )
    )


async def close_waiting(session: AsyncSession, declaration_id: UUID) -> None:
    await session.execute(
        update(inspections)
        .where(
            inspections.c.declaration_id == declaration_id,
            inspections.c.status == InspectionStatus.WAITING,
        )
        .values(status=InspectionStatus.CLOSED)
    )


async def drop_findings(session: AsyncSession, declaration_id: UUID, vins: set[str]) -> None:
    """Forget what was found on ``vins`` in the declaration's waiting inspection."""
    waiting = select(inspections.c.id).where(
        inspections.c.declaration_id == declaration_id,
        inspections.c.status == InspectionStatus.WAITING,
    )
    await session.execute(
        delete(findings).where(findings.c.inspection_id.in_(waiting), findings.c.vin.in_(vins))
    )


async def save_finding(session: AsyncSession, inspection_id: UUID, finding: Finding) -> None:
    values = {
        "vin_seen": finding.vin_seen,
        "vin_matches": finding.vin_matches,
        "odometer_km": finding.odometer_km,
        "condition": finding.condition,
        "seals": list(finding.seals),
        "seals_intact": finding.seals_intact,
        "damaged": finding.damaged,
        "photos": list(finding.photos),
        "remarks": finding.remarks,
        "recorded_by": finding.recorded_by,
        "recorded_at": finding.recorded_at,
    }
    await session.execute(
        insert(findings)
        .values(inspection_id=inspection_id, vin=finding.vin, **values)
        .on_conflict_do_update(
            index_elements=[findings.c.inspection_id, findings.c.vin], set_=values
        )
    )


async def findings_of(session: AsyncSession, inspection_id: UUID) -> list[Finding]:
    rows = await session.execute(
        select(findings).where(findings.c.inspection_id == inspection_id).order_by(findings.c.vin)
    )
    return [
        Finding(
            vin=row["vin"],
            vin_seen=row["vin_seen"],
            odometer_km=row["odometer_km"],
            condition=row["condition"],
            seals=tuple(row["seals"]),
            seals_intact=row["seals_intact"],
            damaged=row["damaged"],
            photos=tuple(row["photos"]),
            remarks=row["remarks"],
            recorded_by=row["recorded_by"],
            recorded_at=row["recorded_at"],
        )
        for row in rows.mappings()
    ]


def _inspection(row: RowMapping) -> Inspection:
    return Inspection(
        id=row["id"],
        declaration_id=row["declaration_id"],
        customs_number=row["customs_number"],
        site_id=row["site_id"],
        appointment_id=row["appointment_id"],
        slot_start=row["slot_start"],
        arrived_at=row["arrived_at"],
        checked_in_by=row["checked_in_by"],
        status=InspectionStatus(row["status"]),
        claimed_by=row["claimed_by"],
        claim_expires_at=row["claim_expires_at"],
        revision=row["revision"],
    )

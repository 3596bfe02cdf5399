"""Use cases on customs offices: versioned reference data changed by admins."""

import dataclasses

from sqlalchemy.exc import IntegrityError

from clearway_gateway.offices import repository
from clearway_gateway.offices.models import Office
from clearway_platform.domain_errors import Conflict, NotFound
from clearway_platform.uow import UnitOfWork


async def current_offices(*, uow: UnitOfWork) -> dict[str, Office]:
    async with uow:
        return {office.code: office for office in await repository.current(uow.session)}


async def office_history(*, uow: UnitOfWork, code: str) -> list[Office]:
    async with uow:
        versions = await repository.history(uow.session, code)
    if not versions:
        raise NotFound(f"customs office {code}")
    return versions


async def put_office(*, uow: UnitOfWork, office: Office, changed_by: str) -> Office:
    """Record ``office`` as the next version of its code (the first, for a new office)."""
    async with uow:
        version = await repository.latest_version(uow.session, office.code) + 1
        saved = dataclasses.replace(office, version=version)
        try:
            await repository.add_version(uow.session, saved, changed_by=changed_by)
            await uow.commit()
        except IntegrityError:
            raise Conflict(f"office {office.code} changed at the same time; retry") from None
    return saved


async def seed_office(*, uow: UnitOfWork, office: Office) -> bool:
    """Load a reference office unless it exists already (seeding is idempotent)."""
    async with uow:
        if await repository.latest_version(uow.session, office.code):
            return False
    await put_office(uow=uow, office=office, changed_by="seed")
    return True

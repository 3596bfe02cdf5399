"""Use cases of sites: list them, show their slots' availability, load their definitions."""

from datetime import date, timedelta

from clearway_contracts.events.common import AeoLevel
from clearway_inspection.sites import repository
from clearway_inspection.sites.models import Availability, Site, bookable
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import NotFound
from clearway_platform.uow import UnitOfWork


async def list_sites(*, uow: UnitOfWork, office: str | None = None) -> list[Site]:
    async with uow:
        found = await repository.list_all(uow.session)
    return [site for site in found if office is None or site.office == office]


async def get_site(*, uow: UnitOfWork, site_id: str) -> Site:
    async with uow:
        site = await repository.get(uow.session, site_id)
    if site is None:
        raise NotFound(f"site {site_id}")
    return site


async def availability(
    *,
    uow: UnitOfWork,
    site_id: str,
    first_day: date,
    days: int,
    aeo_level: AeoLevel,
    clock: Clock = system_clock,
) -> tuple[Site, list[Availability]]:
    """The site's slots on ``days`` local days from ``first_day``, with free places."""
    now = clock()
    async with uow:
        site = await repository.get(uow.session, site_id)
        if site is None:
            raise NotFound(f"site {site_id}")
        slots = [s for n in range(days) for s in site.slots_on(first_day + timedelta(days=n))]
        booked = await repository.booked_counts(uow.session, site.id, slots[0].start, slots[-1].end)
    result = []
    for slot in slots:
        free = site.capacity - booked.get(slot.start, 0)
        ahead = bookable(slot, aeo_level=aeo_level, now=now)
        result.append(Availability(slot=slot, free=free, bookable=free > 0 and ahead))
    return site, result


async def save_sites(*, uow: UnitOfWork, sites: list[Site]) -> None:
    async with uow:
        for site in sites:
            await repository.upsert(uow.session, site)
        await uow.commit()

"""Demo reference data: the inspection sites of docs/reference-data.md and, unless one is
already published, the shipped default rule set. Idempotent."""

import json
from importlib.resources import files

from clearway_inspection.risk.service import ensure_ruleset
from clearway_inspection.sites.schemas import SiteDefinition
from clearway_inspection.sites.service import save_sites
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.settings import ServiceSettings
from clearway_platform.uow import UnitOfWork


def demo_sites() -> list[SiteDefinition]:
    text = files("clearway_inspection.sites").joinpath("demo_sites.json").read_text("utf-8")
    return [SiteDefinition.model_validate(site) for site in json.loads(text)]


async def seed(settings: ServiceSettings) -> None:
    engine = create_engine(settings.database_url, pool_size=1)
    uow = UnitOfWork(create_session_factory(engine), source=settings.event_source)
    try:
        await save_sites(uow=uow, sites=[site.to_site() for site in demo_sites()])
        await ensure_ruleset(uow=uow)
    finally:
        await engine.dispose()

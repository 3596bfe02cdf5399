"""Demo reference data: the shipped code lists, as version 1 of each list never published.
Idempotent."""

from clearway_declaration.codelists.service import ensure_shipped
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.settings import ServiceSettings
from clearway_platform.uow import UnitOfWork


async def seed(settings: ServiceSettings) -> None:
    engine = create_engine(settings.database_url, pool_size=1)
    uow = UnitOfWork(create_session_factory(engine), source=settings.event_source)
    try:
        await ensure_shipped(uow=uow)
    finally:
        await engine.dispose()

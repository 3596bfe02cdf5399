"""Use cases of code lists: publish a new version, read one, and the current set for checks."""

import json
from functools import cache
from importlib.resources import files

from clearway_contracts.declaration_form import CodeListName
from clearway_declaration.codelists import repository
from clearway_declaration.codelists.models import CodeList, CodeLists, VersionedList
from clearway_platform.clock import Clock, system_clock
from clearway_platform.domain_errors import Conflict, NotFound
from clearway_platform.uow import UnitOfWork

DEFAULT_PUBLISHER = "clearway-default"


@cache
def shipped() -> dict[CodeListName, CodeList]:
    """The lists shipped with the service: the demo's realistic subset (docs say which)."""
    text = files(__package__).joinpath("shipped.json").read_text(encoding="utf-8")
    return {
        CodeListName(name): CodeList.model_validate(doc) for name, doc in json.loads(text).items()
    }


async def publish(
    *,
    uow: UnitOfWork,
    name: CodeListName,
    document: CodeList,
    actor: str,
    clock: Clock = system_clock,
) -> int:
    """Store ``document`` as the next version of ``name``; checks from now on use it."""
    async with uow:
        version = await repository.insert_next(uow.session, name, document, by=actor, at=clock())
        if version is None:
            raise Conflict("another version of this list was published at the same moment")
        await uow.commit()
    return version


async def get(
    *, uow: UnitOfWork, name: CodeListName, version: int | None = None
) -> tuple[int, CodeList]:
    """A published version, or the latest (the shipped list becomes version 1 when none is)."""
    if version is None:
        await ensure_shipped(uow=uow, names=[name])
    async with uow:
        if version is None:
            version = (await repository.latest_versions(uow.session)).get(name)
        found = await repository.get(uow.session, name, version) if version else None
    if version is None or found is None:
        raise NotFound(f"code list {name} version")
    return version, found


async def current(*, uow: UnitOfWork) -> CodeLists:
    """The latest version of every list; a list never published is the shipped one."""
    async with uow:
        versions = await repository.latest_versions(uow.session)
        lists: dict[CodeListName, VersionedList] = {}
        for name in CodeListName:
            version = versions.get(name)
            found = await repository.get(uow.session, name, version) if version else None
            document = found or shipped()[name]
            lists[name] = VersionedList(name, version or 0, document.codes())
    return CodeLists(lists)


async def ensure_shipped(
    *, uow: UnitOfWork, names: list[CodeListName] | None = None, clock: Clock = system_clock
) -> list[str]:
    """Publish the shipped list as version 1 of each list (of ``names``) never published; the
    names seeded. Idempotent, and safe under races (a version number is taken once)."""
    seeded: list[str] = []
    async with uow:
        versions = await repository.latest_versions(uow.session)
        for name in names or list(CodeListName):
            if name not in versions:
                stored = await repository.insert_next(
                    uow.session, name, shipped()[name], by=DEFAULT_PUBLISHER, at=clock()
                )
                if stored is not None:
                    seeded.append(name.value)
        await uow.commit()
    return seeded

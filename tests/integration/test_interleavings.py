"""No interleaving of events, redeliveries and people's actions releases what was not controlled.

Hypothesis drives one declaration at a time through the three services' real handlers and use
cases on the real PostgreSQL: the declarant lodges, amends (what risk looks at, or not) and
cancels; the risk engine, inspectors and officers answer; exit officers try to let the goods
go; and every event reaches every consumer in an order hypothesis chooses, some twice, as a
consumer restarted before its offset commit would see them. Then everything left is delivered
and every open check decided, and the three services must agree:

* nothing is released unless the lane and the check it rests on are for the final revision
  (the lane of its latest risk-relevant revision; the red and yellow lanes' check passed);
* no release is in force, and nothing exited, for a revision that was amended or cancelled;
* every declaration ends in one terminal state, the same in all three services.

The bus below plays the outbox relay and Kafka: it reads each service's committed outbox rows
and hands them to the consumers as Kafka records (``EventConsumer.apply``, inbox included),
keeping Kafka's per-partition order. The backbone itself is tested against the real broker in
tests/integration/shared. ``CLEARWAY_INTERLEAVINGS`` sets the number of examples (40 in
``make test``); ``CLEARWAY_INTERLEAVINGS=2000 uv run --frozen pytest -q
tests/integration/test_interleavings.py`` explores further.
"""

import os
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast
from uuid import UUID

import pytest
from aiokafka import ConsumerRecord
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from clearway_contracts.events.common import DeclarationStatus, Lane, Outcome, Reason
from clearway_declaration.declarations import service as declarations
from clearway_declaration.declarations.schemas import CreateDeclaration
from clearway_declaration.lifecycle.handlers import handlers as declaration_handlers
from clearway_inspection.checks import service as document_checks
from clearway_inspection.db import document_checks as document_check_rows
from clearway_inspection.db import inspections as inspection_rows
from clearway_inspection.db import risk_decisions
from clearway_inspection.declarations import repository as tracked
from clearway_inspection.inspections import repository as site_inspections
from clearway_inspection.inspections import service as inspections
from clearway_inspection.inspections.models import Finding
from clearway_inspection.lanes.handlers import handlers as inspection_handlers
from clearway_inspection.risk.models import RuleSet
from clearway_inspection.risk.service import publish_ruleset
from clearway_inspection.seed import demo_sites
from clearway_inspection.sites.service import save_sites
from clearway_platform.db import create_engine, create_session_factory, outbox
from clearway_platform.domain_errors import DomainError
from clearway_platform.handlers import EventHandlers
from clearway_platform.inbox import EventConsumer
from clearway_platform.uow import UnitOfWork
from clearway_release.cases import repository as cases
from clearway_release.cases.models import CHECK_FOR_LANE, Case
from clearway_release.db import decisions as decision_rows
from clearway_release.exits import service as exits
from clearway_release.releases.handlers import handlers as release_handlers
from tests.support.infra import TestInfra
from tests.support.samples.bodies import DECLARANT, declaration

EXAMPLES = int(os.environ.get("CLEARWAY_INTERLEAVINGS", "40"))
OFFICE, SITE = "8021", "HRG-1"
S = DeclarationStatus
TERMINAL = {S.RELEASED, S.NOT_RELEASED, S.CANCELLED, S.EXITED}
RELEASED = {S.RELEASED, S.EXITED}
# Lanes steered by destination, no random selection: the amendments move between them.
LANE_BY_DESTINATION = {"DE": Lane.GREEN, "UZ": Lane.YELLOW, "KZ": Lane.RED}
RULES = RuleSet.model_validate(
    {
        "rules": [
            {"code": "T-RED", "text": "red", "lane": "red", "when": {"destinations": ["KZ"]}},
            {"code": "T-YEL", "text": "yellow", "lane": "yellow", "when": {"destinations": ["UZ"]}},
        ],
        "random_selection": {"rates": {}},
    }
)
FAILED = Reason(code="T-FAIL", text="failed in the interleaving test")


class NoDeadLetters:
    """The consumers' dead-letter producer: here, a dead letter is a failed run."""

    async def send(self, topic: str, **record: Any) -> None:
        reason = dict(record.get("headers", [])).get("dlq_reason", b"?").decode()
        raise AssertionError(f"an event was dead-lettered to {topic}: {reason}")


@dataclass
class Service:
    name: str
    engine: AsyncEngine
    consumes: tuple[str, ...]
    handlers: EventHandlers
    sessions: async_sessionmaker[AsyncSession] = field(init=False)
    consumer: EventConsumer = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = create_session_factory(self.engine)
        self.consumer = EventConsumer(
            consumer=cast(Any, None),  # offsets are the bus's business here
            producer=cast(Any, NoDeadLetters()),
            session_factory=self.sessions,
            handlers=self.handlers,
            source=f"/clearway/{self.name}",
            dead_letter_topic=f"clearway.{self.name}.dlq",
        )

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions, source=f"/clearway/{self.name}")


@dataclass
class World:
    declaration: Service
    inspection: Service
    release: Service

    @property
    def services(self) -> tuple[Service, ...]:
        return (self.declaration, self.inspection, self.release)


@pytest.fixture(scope="module")
async def world(infra: TestInfra) -> AsyncIterator[World]:
    topics = {name: f"clearway.{name}.events" for name in ("declaration", "inspection", "release")}
    engines = {
        name: create_engine(await infra.migrated_database(name), pool_size=3) for name in topics
    }
    world = World(
        declaration=Service(
            "declaration",
            engines["declaration"],
            (topics["inspection"], topics["release"]),
            declaration_handlers(),
        ),
        inspection=Service(
            "inspection", engines["inspection"], (topics["declaration"],), inspection_handlers()
        ),
        release=Service(
            "release",
            engines["release"],
            (topics["declaration"], topics["inspection"]),
            release_handlers(),
        ),
    )
    await save_sites(uow=world.inspection.uow(), sites=[s.to_site() for s in demo_sites()])
    await publish_ruleset(uow=world.inspection.uow(), ruleset=RULES, actor="tests")
    try:
        yield world
    finally:
        for engine in engines.values():
            await engine.dispose()


Record: TypeAlias = ConsumerRecord[bytes, bytes]


class Bus:
    """One declaration's events, as Kafka would hold them, and how far each consumer read."""

    def __init__(self, world: World, declaration_id: UUID) -> None:
        self._world = world
        self._key = str(declaration_id)
        self._logs: dict[str, list[Record]] = defaultdict(list)
        self._read: dict[tuple[str, str], int] = defaultdict(int)
        self._relayed: dict[str, int] = defaultdict(int)

    async def relay(self) -> None:
        """Move newly committed outbox rows onto their topics, in commit order."""
        for service in self._world.services:
            async with service.sessions() as session:
                rows = await session.execute(
                    select(outbox)
                    .where(outbox.c.key == self._key, outbox.c.id > self._relayed[service.name])
                    .order_by(outbox.c.id)
                )
                for row in rows.mappings():
                    self._relayed[service.name] = row["id"]
                    log = self._logs[row["topic"]]
                    log.append(_record(row, offset=len(log)))

    def pending(self, service: Service, topic: str) -> int:
        return len(self._logs[topic]) - self._read[(service.name, topic)]

    async def deliver(self, service: Service, topic: str, count: int) -> bool:
        start = self._read[(service.name, topic)]
        batch = self._logs[topic][start : start + count]
        if batch:
            await service.consumer.apply(batch)
            self._read[(service.name, topic)] = start + len(batch)
        return bool(batch)

    def rewind(self, service: Service, topic: str, count: int) -> None:
        """The consumer restarted before committing its last offsets: it reads them again."""
        self._read[(service.name, topic)] = max(0, self._read[(service.name, topic)] - count)


def _record(row: Any, *, offset: int) -> Record:
    headers = tuple((name, value.encode()) for name, value in row["headers"].items())
    key = row["key"].encode()
    return ConsumerRecord(
        topic=row["topic"],
        partition=0,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=key,
        value=row["value"],
        checksum=None,
        serialized_key_size=len(key),
        serialized_value_size=len(row["value"]),
        headers=headers,
    )


@dataclass
class Run:
    """One declaration's story; what people did, and which exits customs let through."""

    world: World
    bus: Bus
    declaration_id: UUID
    exits: list[int] = field(default_factory=list)  # the revision each confirmed exit named

    async def amend(self, destination: str | None) -> None:
        """The declarant changes what risk looks at (a destination) or not (the truck)."""
        found = await declarations.find(
            uow=self.world.declaration.uow(), declaration_id=self.declaration_id, tenant=DECLARANT
        )
        content = found.declaration.content
        if destination is None:
            means = f"新A{found.declaration.revision:05d}"
            change: dict[str, Any] = {
                "transport": content.transport.model_copy(update={"means_id": means})
            }
        else:
            change = {"destination_country": destination}
        await _allowed_to_fail(
            declarations.amend(
                uow=self.world.declaration.uow(),
                declaration_id=self.declaration_id,
                tenant=DECLARANT,
                actor="erp",
                content=content.model_copy(update=change),
                reason="interleaving test",
            )
        )

    async def cancel(self) -> None:
        await _allowed_to_fail(
            declarations.cancel(
                uow=self.world.declaration.uow(),
                declaration_id=self.declaration_id,
                tenant=DECLARANT,
                actor="erp",
                reason="interleaving test",
            )
        )

    async def check_in_and_claim(self) -> UUID | None:
        """At the 24-hour site: the vehicle checks in on arrival, an inspector claims it."""
        copy = await self._copy()
        if copy is None:
            return None
        await _allowed_to_fail(
            inspections.check_in(
                uow=self.world.inspection.uow(),
                site_id=SITE,
                reference=copy.snapshot.customs_number,
                actor="gate",
            )
        )
        uow = self.world.inspection.uow()
        async with uow:
            waiting = await site_inspections.waiting_for(uow.session, self.declaration_id)
        if waiting is None:
            return None
        await _allowed_to_fail(
            inspections.claim(
                uow=self.world.inspection.uow(),
                site_id=SITE,
                inspection_id=waiting.id,
                inspector="inspector",
            )
        )
        return waiting.id

    async def record_findings(self) -> None:
        inspection_id = await self.check_in_and_claim()
        copy = await self._copy()
        if inspection_id is None or copy is None:
            return
        for vehicle in copy.vehicles:
            await _allowed_to_fail(
                inspections.record_finding(
                    uow=self.world.inspection.uow(),
                    site_id=SITE,
                    inspection_id=inspection_id,
                    inspector="inspector",
                    finding=Finding(vin=vehicle.vin, vin_seen=vehicle.vin),
                )
            )

    async def decide(self, passed: bool) -> bool:
        """Whatever check the inspection service has open decides; True if one did."""
        outcome = Outcome.PASSED if passed else Outcome.FAILED
        reasons = [] if passed else [FAILED]
        copy = await self._copy()
        if copy is None:
            return False
        if copy.work_refusal(Lane.YELLOW) is None:
            open_checks = await document_checks.open_checks(
                uow=self.world.inspection.uow(), office=OFFICE
            )
            mine = [c for c in open_checks if c.declaration_id == self.declaration_id]
            for check in mine:
                await _allowed_to_fail(
                    document_checks.decide(
                        uow=self.world.inspection.uow(),
                        check_id=check.id,
                        office=OFFICE,
                        officer="officer",
                        revision=check.revision,
                        outcome=outcome,
                        reasons=reasons,
                    )
                )
            return bool(mine)
        if copy.work_refusal(Lane.RED) is None:
            await self.record_findings()
            inspection_id = await self.check_in_and_claim()
            if inspection_id is None:
                return False
            return await _allowed_to_fail(
                inspections.complete(
                    uow=self.world.inspection.uow(),
                    site_id=SITE,
                    inspection_id=inspection_id,
                    inspector="inspector",
                    revision=copy.revision,
                    outcome=outcome,
                    reasons=reasons,
                    accepted=[],
                )
            )
        return False

    async def try_exit(self) -> None:
        """An exit officer lets the goods go, if customs lets them."""
        uow = self.world.release.uow()
        async with uow:
            case = await cases.get_case(uow.session, self.declaration_id)
        revision = case.decided_for if case and case.decided_for else 1
        if await _allowed_to_fail(
            exits.confirm_exit(
                uow=self.world.release.uow(),
                declaration_id=self.declaration_id,
                office=OFFICE,
                officer="exit-officer",
                revision=revision,
                vins=None,
            )
        ):
            self.exits.append(revision)

    async def deliver(self, data: st.DataObject) -> None:
        await self.bus.relay()
        pairs = [
            (service, topic)
            for service in self.world.services
            for topic in service.consumes
            if self.bus.pending(service, topic)
        ]
        if pairs:
            service, topic = data.draw(st.sampled_from(pairs), label="deliver to")
            await self.bus.deliver(service, topic, data.draw(st.integers(1, 3), label="records"))

    def redeliver(self, data: st.DataObject) -> None:
        service = data.draw(st.sampled_from(self.world.services), label="restarts")
        topic = data.draw(st.sampled_from(service.consumes), label="rereads")
        self.bus.rewind(service, topic, data.draw(st.integers(1, 3), label="records again"))

    async def settle(self, data: st.DataObject) -> None:
        """Deliver everything, and let the open checks be decided, until nothing moves."""
        for _ in range(30):
            moved = False
            await self.bus.relay()
            for service in self.world.services:
                for topic in service.consumes:
                    while await self.bus.deliver(service, topic, 50):
                        moved = True
            if not moved and not await self.decide(data.draw(st.booleans(), label="passes")):
                return
        raise AssertionError("the services never settled")

    async def _copy(self) -> Any:
        uow = self.world.inspection.uow()
        async with uow:
            return await tracked.get(uow.session, self.declaration_id)


async def _allowed_to_fail(action: Awaitable[Any]) -> bool:
    """People are refused all the time here (409s, 404s, 422s): that is the point."""
    try:
        await action
    except DomainError:
        return False
    return True


Action = Callable[[Run, st.DataObject], Awaitable[None]]


async def _deliver(run: Run, data: st.DataObject) -> None:
    await run.deliver(data)


async def _redeliver(run: Run, data: st.DataObject) -> None:
    run.redeliver(data)


async def _amend(run: Run, data: st.DataObject) -> None:
    await run.amend(data.draw(st.sampled_from([None, *LANE_BY_DESTINATION]), label="to"))


async def _cancel(run: Run, data: st.DataObject) -> None:
    await run.cancel()


async def _findings(run: Run, data: st.DataObject) -> None:
    await run.record_findings()


async def _decide(run: Run, data: st.DataObject) -> None:
    await run.decide(data.draw(st.booleans(), label="passes"))


async def _exit(run: Run, data: st.DataObject) -> None:
    await run.try_exit()


# Deliveries weigh most: they are what races the people.
ACTIONS: list[Action] = [
    *[_deliver] * 6,
    _redeliver,
    _amend,
    _amend,
    _cancel,
    _findings,
    _decide,
    _exit,
]


@pytest.mark.timeout(max(300, EXAMPLES * 3))  # a long exploration is no hang
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_no_interleaving_releases_what_was_not_controlled(
    world: World, data: st.DataObject
) -> None:
    body = declaration(vins=None)
    body["destination_country"] = data.draw(st.sampled_from(list(LANE_BY_DESTINATION)))
    create = CreateDeclaration.model_validate(body)
    lodged = await declarations.lodge(
        uow=world.declaration.uow(),
        tenant=DECLARANT,
        actor="erp",
        content=create.content(),
        routing=create.routing_plan(),
    )
    declaration_id = lodged.declaration.id
    run = Run(world, Bus(world, declaration_id), declaration_id)
    for _ in range(data.draw(st.integers(3, 30), label="steps")):
        action = data.draw(st.sampled_from(ACTIONS), label="action")
        await action(run, data)
    await run.settle(data)
    await _all_agree(world, run)


async def _all_agree(world: World, run: Run) -> None:
    found = await declarations.find(
        uow=world.declaration.uow(), declaration_id=run.declaration_id, tenant=None
    )
    final = found.declaration
    async with world.release.sessions() as session:
        case = await cases.get_case(session, run.declaration_id)
        decided = (
            (
                await session.execute(
                    select(decision_rows).where(
                        decision_rows.c.declaration_id == run.declaration_id
                    )
                )
            )
            .mappings()
            .all()
        )
    in_force = [d for d in decided if d["in_force_at"] is not None]
    live = [d for d in decided if d["withdrawn_at"] is None]

    assert final.status in TERMINAL, f"never decided: {final.status}"
    assert case is not None
    assert len(live) <= 1 and len(in_force) <= 1
    assert all(d["withdrawn_at"] is None for d in in_force)
    released = [d for d in in_force if d["release_number"] is not None]

    if final.status in RELEASED:
        [decision] = released
        assert decision["revision"] == final.revision
        assert case.in_force and case.decided_for == final.revision
        await _rests_on_final_controls(world, run.declaration_id, case, final.revision)
    else:
        assert released == [], f"a release in force, yet the declaration is {final.status}"
    if final.status is S.NOT_RELEASED:
        [refusal] = in_force
        assert refusal["revision"] == final.revision
    if final.status is S.CANCELLED:
        assert case.status.value == "cancelled"
    assert all(revision == final.revision for revision in run.exits), run.exits
    assert not run.exits or final.status is S.EXITED


async def _rests_on_final_controls(
    world: World, declaration_id: UUID, case: Case, final_revision: int
) -> None:
    """The lane is the one risk gave the latest revision it had to judge; a red or yellow
    lane's check passed, for a revision at or after that one, and really happened."""
    async with world.inspection.sessions() as session:
        lanes = dict(
            (
                await session.execute(
                    select(risk_decisions.c.revision, risk_decisions.c.lane).where(
                        risk_decisions.c.declaration_id == declaration_id,
                        risk_decisions.c.revision <= final_revision,
                    )
                )
            ).all()
        )
        completed = set(
            (
                await session.execute(
                    select(inspection_rows.c.revision)
                    .where(
                        inspection_rows.c.declaration_id == declaration_id,
                        inspection_rows.c.status == "passed",
                    )
                    .union(
                        select(document_check_rows.c.revision).where(
                            document_check_rows.c.declaration_id == declaration_id,
                            document_check_rows.c.status == "passed",
                        )
                    )
                )
            ).scalars()
        )
    judged = max(lanes)
    assert case.lane is not None
    assert (case.lane.revision, case.lane.lane.value) == (judged, lanes[judged])
    if case.lane.lane is not Lane.GREEN:
        check = case.checks[CHECK_FOR_LANE[case.lane.lane]]
        assert check.outcome is Outcome.PASSED
        assert judged <= check.revision <= final_revision
        assert check.revision in completed

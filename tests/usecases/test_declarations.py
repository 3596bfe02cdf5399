"""The declaration service's use cases: lodge, amend, cancel and read, and their refusals."""

from typing import Any
from uuid import uuid4

import pytest

from clearway_contracts.events.release import Released
from clearway_declaration.declarations import service
from clearway_declaration.declarations.models import InvalidDeclaration, VehicleAlreadyDeclared
from clearway_declaration.declarations.schemas import Amendment, CreateDeclaration
from clearway_declaration.lifecycle.handlers import handlers
from clearway_declaration.lifecycle.models import Status
from clearway_platform.domain_errors import Conflict, InvalidInput, NotFound
from tests.support.samples.bodies import DECLARANT, OTHER_DECLARANT, declaration, fresh_vin
from tests.usecases.conftest import Store, StoreFactory


async def lodge(db: Store, body: dict[str, Any], **options: Any) -> service.DeclarationWithTimeline:
    request = CreateDeclaration.model_validate(body)
    return await service.lodge(
        uow=db.uow(),
        tenant=DECLARANT,
        actor="key-1",
        content=request.content(),
        routing=request.routing_plan(),
        **options,
    )


@pytest.fixture
async def db(store: StoreFactory) -> Store:
    return await store("declaration")


async def test_a_lodged_declaration_is_accepted_numbered_and_published(db: Store) -> None:
    lodged = await lodge(db, declaration())

    found = await service.find(uow=db.uow(), declaration_id=lodged.declaration.id, tenant=None)
    assert found.declaration.status is Status.ACCEPTED
    assert found.declaration.customs_number.startswith("80212026")
    [event] = await db.published("clearway.declaration.accepted.v1")
    assert event["customs_number"] == found.declaration.customs_number
    assert event["items"][0]["dangerous_goods"] is True  # a battery-electric car


async def test_an_invalid_declaration_names_each_field_and_stores_nothing(db: Store) -> None:
    body = declaration(vins=["1HGCM82633A004353"])  # a wrong check digit
    body["destination_country"] = "CN"

    with pytest.raises(InvalidDeclaration) as refused:
        await lodge(db, body)

    fields = {v.field for v in refused.value.violations}
    assert fields == {"items[0].vehicle.vin", "destination_country"}
    assert await db.published() == []


async def test_a_vehicle_on_another_live_declaration_is_refused_until_that_one_ends(
    db: Store,
) -> None:
    vin = fresh_vin()
    first = await lodge(db, declaration(vins=[vin]))
    with pytest.raises(VehicleAlreadyDeclared) as taken:
        await lodge(db, declaration(vins=[vin]))
    assert [v.field for v in taken.value.violations] == ["items[0].vehicle.vin"]

    await service.cancel(
        uow=db.uow(), declaration_id=first.declaration.id, tenant=DECLARANT, actor="k", reason="x"
    )
    again = await lodge(db, declaration(vins=[vin]))
    assert again.declaration.status is Status.ACCEPTED


async def test_a_retry_with_the_same_key_answers_the_first_lodging(db: Store) -> None:
    body = declaration()
    first = await lodge(db, body, idempotency_key="k-1")
    retry = await lodge(db, body, idempotency_key="k-1")

    assert retry.replayed and retry.declaration.id == first.declaration.id
    assert len(await db.published("clearway.declaration.accepted.v1")) == 1
    with pytest.raises(InvalidInput) as reused:
        await lodge(db, declaration(), idempotency_key="k-1")
    assert reused.value.violations[0].field == "Idempotency-Key"


async def test_another_declarant_finds_nothing_and_changes_nothing(db: Store) -> None:
    lodged = await lodge(db, declaration())
    with pytest.raises(NotFound):
        await service.find(
            uow=db.uow(), declaration_id=lodged.declaration.id, tenant=OTHER_DECLARANT
        )
    with pytest.raises(NotFound):
        await service.cancel(
            uow=db.uow(),
            declaration_id=lodged.declaration.id,
            tenant=OTHER_DECLARANT,
            actor="k",
            reason="not mine",
        )


async def test_once_the_release_is_recorded_amendments_are_refused(db: Store) -> None:
    body = declaration()
    lodged = await lodge(db, body)
    declaration_id = lodged.declaration.id
    await db.handle(
        handlers(),
        Released(
            declaration_id=declaration_id,
            revision=1,
            release_number="80212026R000000001",
            office="8021",
            released_at=lodged.declaration.accepted_at,
        ),
    )

    content = {key: value for key, value in body.items() if key != "routing"}
    amendment = Amendment.model_validate({**content, "reason": "a late change"})
    with pytest.raises(Conflict, match="revision 1 was released and is final"):
        await service.amend(
            uow=db.uow(),
            declaration_id=declaration_id,
            tenant=DECLARANT,
            actor="k",
            content=amendment.content(),
            reason=amendment.reason,
        )
    found = await service.find(uow=db.uow(), declaration_id=declaration_id, tenant=DECLARANT)
    assert found.declaration.status is Status.RELEASED
    assert found.declaration.revision == 1


async def test_a_missing_declaration_is_not_found(db: Store) -> None:
    with pytest.raises(NotFound):
        await service.find(uow=db.uow(), declaration_id=uuid4(), tenant=None)

"""``/v1/webhooks``: a forwarder's webhook subscriptions, their delivery log, redelivery.

Only forwarders subscribe, to their own declarant's events (ADR 0032).
"""

from typing import Annotated
from uuid import UUID

from fastapi import Path, Query, Request

from clearway_gateway.deps import ForwarderDep, UowDep
from clearway_gateway.forwarding.contract import public_router
from clearway_gateway.webhooks import service
from clearway_gateway.webhooks.models import DeliveryState, SubscriptionState
from clearway_gateway.webhooks.schemas import (
    CreatedSubscription,
    DeliveryPage,
    DeliveryView,
    NewSubscription,
    Redelivery,
    SecretView,
    SubscriptionChange,
    SubscriptionPage,
    SubscriptionView,
)
from clearway_platform.web.deps import ClockDep

router = public_router(prefix="/v1/webhooks", tags=["webhooks"])

Limit = Annotated[int, Query(ge=1, le=200)]


def _allow_http(request: Request) -> bool:
    allowed: bool = request.app.state.webhook_allow_http
    return allowed


def _tenant(caller: ForwarderDep) -> str:
    assert caller.tenant is not None  # every forwarder has its declarant
    return caller.tenant


@router.post(
    "",
    status_code=201,
    summary="Subscribe an endpoint to your events; its secret is shown once",
    response_model=CreatedSubscription,
)
async def create_webhook(
    request: Request, body: NewSubscription, caller: ForwarderDep, uow: UowDep
) -> CreatedSubscription:
    subscription, secret = await service.subscribe(
        uow=uow,
        declarant=_tenant(caller),
        url=body.url,
        event_types=body.event_types,
        allow_http=_allow_http(request),
    )
    return CreatedSubscription(**SubscriptionView.of(subscription).model_dump(), secret=secret)


@router.get("", summary="Your webhook subscriptions", response_model=SubscriptionPage)
async def list_webhooks(
    caller: ForwarderDep,
    uow: UowDep,
    cursor: Annotated[UUID | None, Query(description="a `next_cursor` from before")] = None,
    limit: Limit = 50,
) -> SubscriptionPage:
    found = await service.subscriptions(
        uow=uow, declarant=_tenant(caller), after=cursor, limit=limit + 1
    )
    page = found[:limit]
    return SubscriptionPage(
        items=[SubscriptionView.of(s) for s in page],
        next_cursor=str(page[-1].subscription_id) if len(found) > limit else None,
    )


@router.get(
    "/{subscription_id}", summary="One webhook subscription", response_model=SubscriptionView
)
async def get_webhook(subscription_id: UUID, caller: ForwarderDep, uow: UowDep) -> SubscriptionView:
    found = await service.subscription(
        uow=uow, declarant=_tenant(caller), subscription_id=subscription_id
    )
    return SubscriptionView.of(found)


@router.patch(
    "/{subscription_id}",
    summary="Pause or resume a subscription, or change its URL or event types",
    response_model=SubscriptionView,
)
async def change_webhook(
    request: Request,
    subscription_id: UUID,
    body: SubscriptionChange,
    caller: ForwarderDep,
    uow: UowDep,
) -> SubscriptionView:
    changed = await service.change(
        uow=uow,
        declarant=_tenant(caller),
        subscription_id=subscription_id,
        url=body.url,
        event_types=body.event_types,
        state=None if body.state is None else SubscriptionState(body.state),
        allow_http=_allow_http(request),
    )
    return SubscriptionView.of(changed)


@router.delete(
    "/{subscription_id}",
    summary="Delete a subscription and its log; answers what was deleted",
    response_model=SubscriptionView,
)
async def delete_webhook(
    subscription_id: UUID, caller: ForwarderDep, uow: UowDep
) -> SubscriptionView:
    deleted = await service.unsubscribe(
        uow=uow, declarant=_tenant(caller), subscription_id=subscription_id
    )
    return SubscriptionView.of(deleted)


@router.post(
    "/{subscription_id}/secret",
    summary="Rotate the signing secret; the new one is shown once",
    response_model=SecretView,
)
async def rotate_webhook_secret(
    subscription_id: UUID, caller: ForwarderDep, uow: UowDep
) -> SecretView:
    secret = await service.rotate_secret(
        uow=uow, declarant=_tenant(caller), subscription_id=subscription_id
    )
    return SecretView(secret=secret)


@router.get(
    "/{subscription_id}/deliveries",
    summary="The delivery log: each event's attempts, status and latency, newest first",
    response_model=DeliveryPage,
)
async def list_webhook_deliveries(
    subscription_id: UUID,
    caller: ForwarderDep,
    uow: UowDep,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$")] = None,
    limit: Limit = 50,
) -> DeliveryPage:
    found = await service.deliveries(
        uow=uow,
        declarant=_tenant(caller),
        subscription_id=subscription_id,
        before=None if cursor is None else int(cursor),
        limit=limit + 1,
    )
    page = found[:limit]
    return DeliveryPage(
        items=[DeliveryView.of(d) for d in page],
        next_cursor=str(page[-1].delivery_id) if len(found) > limit else None,
    )


@router.post(
    "/{subscription_id}/deliveries/{delivery_id}/redelivery",
    status_code=202,
    summary="Send a delivery again (also one we gave up on), with a new retry period",
    response_model=Redelivery,
)
async def redeliver_webhook(
    subscription_id: UUID,
    delivery_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    caller: ForwarderDep,
    uow: UowDep,
    clock: ClockDep,
) -> Redelivery:
    await service.redeliver(
        uow=uow,
        declarant=_tenant(caller),
        subscription_id=subscription_id,
        delivery_id=delivery_id,
        now=clock(),
    )
    return Redelivery(delivery_id=delivery_id, state=DeliveryState.PENDING)

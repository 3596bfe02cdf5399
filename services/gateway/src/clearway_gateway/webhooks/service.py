"""Use cases of the webhooks: a declarant's subscriptions and their delivery log, and the
delivery role's steps (fan out the feed, claim what is due, record each attempt)."""

import logging
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from uuid import UUID, uuid4

from clearway_gateway.feed.handlers import FEED_EVENTS
from clearway_gateway.webhooks import repository
from clearway_gateway.webhooks.models import (
    Attempt,
    Delivery,
    RetryPolicy,
    Subscription,
    SubscriptionState,
    new_secret,
)
from clearway_gateway.webhooks.repository import Claimed
from clearway_platform.domain_errors import InvalidInput, NotFound
from clearway_platform.uow import UnitOfWork

log = logging.getLogger(__name__)

EVENT_TYPES = frozenset(p.event_type for p in FEED_EVENTS)


def checked_url(url: str, *, allow_http: bool) -> str:
    if not url.isprintable() or " " in url:
        raise InvalidInput.at("url", "must not contain spaces or control characters")
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise InvalidInput.at("url", f"must be an absolute URL with scheme {' or '.join(schemes)}")
    return url


def checked_types(event_types: list[str]) -> list[str]:
    for index, event_type in enumerate(event_types):
        if event_type not in EVENT_TYPES:
            raise InvalidInput.at(
                f"event_types[{index}]",
                f"not an event of the feed; one of: {', '.join(sorted(EVENT_TYPES))}",
            )
    return sorted(set(event_types))


async def subscribe(
    *, uow: UnitOfWork, declarant: str, url: str, event_types: list[str], allow_http: bool
) -> tuple[Subscription, str]:
    """A new subscription to the declarant's events from now on, and its secret (shown once)."""
    url, event_types = checked_url(url, allow_http=allow_http), checked_types(event_types)
    subscription_id, secret = uuid4(), new_secret()
    async with uow:
        await repository.add_subscription(
            uow.session,
            subscription_id=subscription_id,
            declarant=declarant,
            url=url,
            event_types=event_types,
            secret=secret,
        )
        await uow.commit()
    return await subscription(uow=uow, declarant=declarant, subscription_id=subscription_id), secret


async def subscription(*, uow: UnitOfWork, declarant: str, subscription_id: UUID) -> Subscription:
    async with uow:
        found = await repository.subscription(uow.session, declarant, subscription_id)
    if found is None:
        raise NotFound("webhook subscription")
    return found


async def subscriptions(
    *, uow: UnitOfWork, declarant: str, after: UUID | None, limit: int
) -> list[Subscription]:
    async with uow:
        return await repository.subscriptions(uow.session, declarant, after, limit)


async def change(
    *,
    uow: UnitOfWork,
    declarant: str,
    subscription_id: UUID,
    url: str | None = None,
    event_types: list[str] | None = None,
    state: SubscriptionState | None = None,
    allow_http: bool,
) -> Subscription:
    """Pause, resume (also after it was disabled), or point elsewhere."""
    values: dict[str, object] = {}
    if url is not None:
        values["url"] = checked_url(url, allow_http=allow_http)
    if event_types is not None:
        values["event_types"] = checked_types(event_types)
    if state is not None:
        if state is SubscriptionState.DISABLED:
            raise InvalidInput.at("state", "only active or paused; disabled is ours to set")
        values |= {"state": state, "disabled_reason": None, "failing_since": None}
    if not values:  # an empty patch changes nothing
        return await subscription(uow=uow, declarant=declarant, subscription_id=subscription_id)
    async with uow:
        if not await repository.change_subscription(
            uow.session, declarant, subscription_id, **values
        ):
            raise NotFound("webhook subscription")
        await uow.commit()
    return await subscription(uow=uow, declarant=declarant, subscription_id=subscription_id)


async def rotate_secret(*, uow: UnitOfWork, declarant: str, subscription_id: UUID) -> str:
    """A new secret, in force for the next attempt; the old one signs nothing more."""
    secret = new_secret()
    async with uow:
        if not await repository.change_subscription(
            uow.session, declarant, subscription_id, secret=secret
        ):
            raise NotFound("webhook subscription")
        await uow.commit()
    return secret


async def unsubscribe(*, uow: UnitOfWork, declarant: str, subscription_id: UUID) -> Subscription:
    deleted = await subscription(uow=uow, declarant=declarant, subscription_id=subscription_id)
    async with uow:
        if not await repository.delete_subscription(uow.session, declarant, subscription_id):
            raise NotFound("webhook subscription")
        await uow.commit()
    return deleted


async def deliveries(
    *, uow: UnitOfWork, declarant: str, subscription_id: UUID, before: int | None, limit: int
) -> list[Delivery]:
    await subscription(uow=uow, declarant=declarant, subscription_id=subscription_id)
    async with uow:
        return await repository.deliveries(uow.session, subscription_id, before, limit)


async def redeliver(
    *, uow: UnitOfWork, declarant: str, subscription_id: UUID, delivery_id: int, now: datetime
) -> None:
    await subscription(uow=uow, declarant=declarant, subscription_id=subscription_id)
    async with uow:
        if not await repository.redeliver(uow.session, subscription_id, delivery_id, now):
            raise NotFound("webhook delivery")
        await uow.commit()


async def fan_out(*, uow: UnitOfWork, now: datetime, batch: int) -> int:
    async with uow:
        made = await repository.fan_out(uow.session, now=now, batch=batch)
        await uow.commit()
    return made


async def claim(*, uow: UnitOfWork, now: datetime, lease: timedelta, limit: int) -> list[Claimed]:
    async with uow:
        claimed = await repository.claim_due(uow.session, now=now, lease=lease, limit=limit)
        await uow.commit()
    return claimed


async def record(
    *, uow: UnitOfWork, claimed: Claimed, attempt: Attempt, policy: RetryPolicy
) -> None:
    async with uow:
        disabled = await repository.record_attempt(
            uow.session, claimed=claimed, attempt=attempt, policy=policy
        )
        await uow.commit()
    if disabled:  # the notice: in the log for operators, on the subscription for its owner
        log.warning("webhook subscription %s %s", claimed.subscription_id, disabled)

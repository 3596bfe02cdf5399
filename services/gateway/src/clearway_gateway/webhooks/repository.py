"""SQL of the webhooks: subscriptions, the fan-out of feed events into deliveries, claiming
due deliveries in order, and recording attempts."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from clearway_gateway.feed.models import FeedEvent
from clearway_gateway.feed.repository import feed_event
from clearway_gateway.feed.tables import feed_events
from clearway_gateway.webhooks.models import (
    Attempt,
    Delivery,
    DeliveryState,
    RetryPolicy,
    Subscription,
    SubscriptionState,
)
from clearway_gateway.webhooks.tables import (
    webhook_attempts,
    webhook_deliveries,
    webhook_subscriptions,
)

s = webhook_subscriptions.c
d = webhook_deliveries.c
a = webhook_attempts.c
f = feed_events.c

SUBSCRIPTION = (
    s.subscription_id,
    s.declarant,
    s.url,
    s.event_types,
    s.state,
    s.disabled_reason,
    s.failing_since,
    s.created_at,
)


def _subscription(row: Any) -> Subscription:
    return Subscription(
        subscription_id=row.subscription_id,
        declarant=row.declarant,
        url=row.url,
        event_types=list(row.event_types),
        state=SubscriptionState(row.state),
        disabled_reason=row.disabled_reason,
        failing_since=row.failing_since,
        created_at=row.created_at,
    )


async def add_subscription(
    session: AsyncSession,
    *,
    subscription_id: UUID,
    declarant: str,
    url: str,
    event_types: list[str],
    secret: str,
) -> None:
    # From now on: the feed's events so far are not delivered to a new subscription.
    newest = select(func.coalesce(func.max(f.position), 0)).scalar_subquery()
    await session.execute(
        insert(webhook_subscriptions).values(
            subscription_id=subscription_id,
            declarant=declarant,
            url=url,
            event_types=event_types,
            secret=secret,
            state=SubscriptionState.ACTIVE,
            position=newest,
        )
    )


async def subscription(
    session: AsyncSession, declarant: str, subscription_id: UUID
) -> Subscription | None:
    row = (
        await session.execute(
            select(*SUBSCRIPTION).where(
                s.subscription_id == subscription_id, s.declarant == declarant
            )
        )
    ).first()
    return None if row is None else _subscription(row)


async def subscriptions(
    session: AsyncSession, declarant: str, after: UUID | None, limit: int
) -> list[Subscription]:
    query = select(*SUBSCRIPTION).where(s.declarant == declarant)
    if after is not None:
        query = query.where(s.subscription_id > after)
    rows = await session.execute(query.order_by(s.subscription_id).limit(limit))
    return [_subscription(row) for row in rows]


async def change_subscription(
    session: AsyncSession, declarant: str, subscription_id: UUID, **values: Any
) -> bool:
    result = await session.execute(
        update(webhook_subscriptions)
        .where(s.subscription_id == subscription_id, s.declarant == declarant)
        .values(**values)
        .returning(s.subscription_id)
    )
    return result.first() is not None


async def delete_subscription(session: AsyncSession, declarant: str, subscription_id: UUID) -> bool:
    # Its deliveries first, in the order an attempt's record locks them (no deadlock).
    owned = select(s.subscription_id).where(
        s.subscription_id == subscription_id, s.declarant == declarant
    )
    await session.execute(delete(webhook_deliveries).where(d.subscription_id.in_(owned)))
    result = await session.execute(
        delete(webhook_subscriptions)
        .where(s.subscription_id == subscription_id, s.declarant == declarant)
        .returning(s.subscription_id)
    )
    return result.first() is not None


async def fan_out(session: AsyncSession, *, now: datetime, batch: int) -> int:
    """Turn each active subscription's new feed events into pending deliveries; how many."""
    subs = (
        await session.execute(
            select(s.subscription_id, s.declarant, s.event_types, s.position)
            .where(s.state == SubscriptionState.ACTIVE)
            .with_for_update(skip_locked=True)
        )
    ).all()
    made = 0
    for sub in subs:
        events = (
            await session.execute(
                select(f.position, f.event_id, f.type, f.declaration_id)
                .where(f.declarant == sub.declarant, f.position > sub.position)
                .order_by(f.position)
                .limit(batch)
            )
        ).all()
        if not events:
            continue
        wanted = [e for e in events if not sub.event_types or e.type in sub.event_types]
        if wanted:
            await session.execute(
                insert(webhook_deliveries),
                [
                    {
                        "subscription_id": sub.subscription_id,
                        "position": e.position,
                        "event_id": e.event_id,
                        "event_type": e.type,
                        "declaration_id": e.declaration_id,
                        "state": DeliveryState.PENDING,
                        "next_attempt_at": now,
                        "created_at": now,
                    }
                    for e in wanted
                ],
            )
        await session.execute(
            update(webhook_subscriptions)
            .where(s.subscription_id == sub.subscription_id)
            .values(position=events[-1].position)
        )
        made += len(wanted)
    return made


# A delivery is due when no earlier one of its subscription and declaration is still pending:
# one declaration's events reach a subscriber in feed order.
CLAIM = text(
    """
    SELECT d.delivery_id FROM webhook_deliveries d
    JOIN webhook_subscriptions s USING (subscription_id)
    WHERE d.state = 'pending' AND d.next_attempt_at <= :now AND s.state = 'active'
      AND NOT EXISTS (
        SELECT 1 FROM webhook_deliveries e
        WHERE e.subscription_id = d.subscription_id AND e.declaration_id = d.declaration_id
          AND e.state = 'pending' AND e.position < d.position)
    ORDER BY d.next_attempt_at, d.position
    LIMIT :limit
    FOR UPDATE OF d SKIP LOCKED
    """
)


@dataclass(frozen=True)
class Claimed:
    """A due delivery, leased to this process: where to send it, signed with what."""

    delivery_id: int
    subscription_id: UUID
    url: str
    secret: str
    event: FeedEvent


async def claim_due(
    session: AsyncSession, *, now: datetime, lease: timedelta, limit: int
) -> list[Claimed]:
    """Lease due deliveries until ``now + lease``: another process (or this one after a crash)
    tries them again only once the lease is over."""
    ids = (await session.scalars(CLAIM, {"now": now, "limit": limit})).all()
    if not ids:
        return []
    await session.execute(
        update(webhook_deliveries).where(d.delivery_id.in_(ids)).values(next_attempt_at=now + lease)
    )
    rows = await session.execute(
        select(
            d.delivery_id,
            d.subscription_id,
            s.url,
            s.secret,
            f.position,
            f.event_id,
            f.type,
            f.source,
            f.subject,
            f.time,
            f.data,
        )
        .join(webhook_subscriptions, s.subscription_id == d.subscription_id)
        .join(feed_events, f.position == d.position)
        .where(d.delivery_id.in_(ids))
        .order_by(d.position)
    )
    return [
        Claimed(
            delivery_id=r.delivery_id,
            subscription_id=r.subscription_id,
            url=r.url,
            secret=r.secret,
            event=feed_event(r),
        )
        for r in rows
    ]


async def record_attempt(
    session: AsyncSession,
    *,
    claimed: Claimed,
    attempt: Attempt,
    policy: RetryPolicy,
) -> str | None:
    """Log the attempt and decide what follows; the reason if it disabled the subscription."""
    now = attempt.attempted_at
    # The delivery's row first, then the subscription's: the order a deletion takes too.
    delivery = (
        await session.execute(
            select(d.attempts, d.created_at)
            .where(d.delivery_id == claimed.delivery_id)
            .with_for_update()
        )
    ).first()
    if delivery is None:  # its subscription was deleted meanwhile
        return None
    await session.execute(
        insert(webhook_attempts).values(
            delivery_id=claimed.delivery_id,
            attempted_at=now,
            status_code=attempt.status_code,
            error=attempt.error,
            latency_ms=attempt.latency_ms,
        )
    )
    attempts = delivery.attempts + 1
    sub = webhook_subscriptions.update().where(s.subscription_id == claimed.subscription_id)
    if attempt.succeeded:
        await session.execute(
            update(webhook_deliveries)
            .where(d.delivery_id == claimed.delivery_id)
            .values(attempts=attempts, state=DeliveryState.DELIVERED, delivered_at=now)
        )
        await session.execute(sub.values(failing_since=None))
        return None
    gave_up = now - delivery.created_at >= policy.retry_for
    await session.execute(
        update(webhook_deliveries)
        .where(d.delivery_id == claimed.delivery_id)
        .values(
            attempts=attempts,
            state=DeliveryState.FAILED if gave_up else DeliveryState.PENDING,
            next_attempt_at=policy.next_attempt(attempts=attempts, now=now),
        )
    )
    failing_since = await session.scalar(
        sub.values(failing_since=func.coalesce(s.failing_since, now)).returning(s.failing_since)
    )
    # Sustained failure: failing for disable_after, or an event given up after retry_for.
    if failing_since is None or (not gave_up and now - failing_since < policy.disable_after):
        return None
    reason = (
        f"disabled at {now.isoformat()}: every delivery failed since "
        f"{failing_since.isoformat()} (last: {attempt.error or attempt.status_code})"
    )
    await session.execute(
        sub.where(s.state == SubscriptionState.ACTIVE).values(
            state=SubscriptionState.DISABLED, disabled_reason=reason[:500]
        )
    )
    return reason


async def deliveries(
    session: AsyncSession, subscription_id: UUID, before: int | None, limit: int
) -> list[Delivery]:
    """The subscription's deliveries, newest first, each with its attempts."""
    query = select(webhook_deliveries).where(d.subscription_id == subscription_id)
    if before is not None:
        query = query.where(d.delivery_id < before)
    rows = (await session.execute(query.order_by(d.delivery_id.desc()).limit(limit))).all()
    logs: dict[int, list[Attempt]] = {r.delivery_id: [] for r in rows}
    if logs:
        for att in await session.execute(
            select(webhook_attempts).where(a.delivery_id.in_(list(logs))).order_by(a.attempted_at)
        ):
            logs[att.delivery_id].append(
                Attempt(att.attempted_at, att.status_code, att.error, att.latency_ms)
            )
    return [
        Delivery(
            delivery_id=r.delivery_id,
            subscription_id=r.subscription_id,
            position=r.position,
            event_id=r.event_id,
            event_type=r.event_type,
            declaration_id=r.declaration_id,
            state=DeliveryState(r.state),
            attempts=r.attempts,
            next_attempt_at=r.next_attempt_at,
            created_at=r.created_at,
            delivered_at=r.delivered_at,
            log=logs[r.delivery_id],
        )
        for r in rows
    ]


async def redeliver(
    session: AsyncSession, subscription_id: UUID, delivery_id: int, now: datetime
) -> bool:
    """Send it again, soon, with a new retry period."""
    result = await session.execute(
        update(webhook_deliveries)
        .where(d.delivery_id == delivery_id, d.subscription_id == subscription_id)
        .values(state=DeliveryState.PENDING, next_attempt_at=now, created_at=now)
        .returning(d.delivery_id)
    )
    return result.first() is not None

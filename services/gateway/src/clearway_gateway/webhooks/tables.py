"""The webhooks' tables (migration 0005): subscriptions, deliveries and their attempts."""

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Table,
    Uuid,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY

from clearway_gateway.db import metadata

webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    Column("subscription_id", Uuid(), primary_key=True),
    Column("declarant", String(10), nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("event_types", ARRAY(String(200)), nullable=False),  # empty: every feed event
    Column("secret", String(200), nullable=False),  # needed in clear to sign
    Column("state", String(10), nullable=False),  # active, paused, disabled
    Column("disabled_reason", String(500)),
    Column("position", BigInteger(), nullable=False),  # the feed read up to, for this one
    Column("failing_since", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("delivery_id", BigInteger(), Identity(), primary_key=True),
    Column(
        "subscription_id",
        Uuid(),
        ForeignKey("webhook_subscriptions.subscription_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("position", BigInteger(), nullable=False),  # the event's in the feed
    Column("event_id", String(64), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("declaration_id", Uuid(), nullable=False),
    Column("state", String(10), nullable=False),  # pending, delivered, failed
    Column("attempts", Integer(), nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    Index(
        "webhook_deliveries_due",
        "next_attempt_at",
        postgresql_where="state = 'pending'",
    ),
    Index("webhook_deliveries_order", "subscription_id", "declaration_id", "position"),
)

webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column(
        "delivery_id",
        BigInteger(),
        ForeignKey("webhook_deliveries.delivery_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("attempted_at", DateTime(timezone=True), nullable=False),
    Column("status_code", Integer()),  # None: no answer (refused, timed out)
    Column("error", String(500)),
    Column("latency_ms", Integer(), nullable=False),
)

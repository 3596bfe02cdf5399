"""Request and response bodies of the webhooks API."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from clearway_contracts.input_policy import RequestModel
from clearway_gateway.webhooks.models import Attempt, Delivery, DeliveryState, Subscription
from clearway_gateway.webhooks.models import SubscriptionState as State

URL = Field(max_length=2000, examples=["https://erp.example.com/clearway/webhooks"])
TYPES_DOC = "the feed's event types to deliver; empty: all of them"
SUBSCRIPTION_EXAMPLE: JsonDict = {
    "subscription_id": "5b0f7c1e-8a2d-4c3b-9e6f-7a8b9c0d1e2f",
    "url": "https://erp.example.com/clearway/webhooks",
    "event_types": ["clearway.declaration.status_changed.v1"],
    "state": "active",
    "disabled_reason": None,
    "failing_since": None,
    "created_at": "2026-03-02T08:00:00Z",
}


class NewSubscription(RequestModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"url": SUBSCRIPTION_EXAMPLE["url"], "event_types": []}]},
    )

    url: str = URL
    event_types: list[str] = Field(default_factory=list, max_length=50, description=TYPES_DOC)


class SubscriptionChange(RequestModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"state": "paused"}]})

    url: str | None = Field(None, max_length=2000)
    event_types: list[str] | None = Field(None, max_length=50, description=TYPES_DOC)
    state: Literal["active", "paused"] | None = Field(
        None, description="pause, or resume (also a subscription we disabled)"
    )


class SubscriptionView(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [SUBSCRIPTION_EXAMPLE]})

    subscription_id: UUID
    url: str
    event_types: list[str]
    state: State
    disabled_reason: str | None = Field(description="why we disabled it: the notice")
    failing_since: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, subscription: Subscription) -> "SubscriptionView":
        return cls.model_validate(subscription, from_attributes=True)


class CreatedSubscription(SubscriptionView):
    model_config = ConfigDict(
        json_schema_extra={"examples": [SUBSCRIPTION_EXAMPLE | {"secret": "whsec_MfKQ9r8GK..."}]}
    )

    secret: str = Field(description="shown this once: verify signatures with it")


class SecretView(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"secret": "whsec_MfKQ9r8GK..."}]})

    secret: str = Field(description="shown this once; in force from the next attempt")


class SubscriptionPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [SUBSCRIPTION_EXAMPLE], "next_cursor": None}]}
    )

    items: list[SubscriptionView]
    next_cursor: str | None


class AttemptView(BaseModel):
    attempted_at: datetime
    status_code: int | None = Field(description="none: no answer (refused, timed out)")
    error: str | None
    latency_ms: int

    @classmethod
    def of(cls, attempt: Attempt) -> "AttemptView":
        return cls.model_validate(attempt, from_attributes=True)


DELIVERY_EXAMPLE: JsonDict = {
    "delivery_id": 42,
    "event_id": "0b6c1f7e-2d4a-4a8e-9f1e-5d6b7c8d9e0f",
    "event_type": "clearway.declaration.status_changed.v1",
    "declaration_id": "3f2b8c1a-6d5e-4f7a-9b8c-1d2e3f4a5b6c",
    "state": "delivered",
    "attempts": 2,
    "next_attempt_at": "2026-03-02T08:00:09Z",
    "delivered_at": "2026-03-02T08:00:09Z",
    "log": [
        {
            "attempted_at": "2026-03-02T08:00:05Z",
            "status_code": 503,
            "error": "HTTP 503",
            "latency_ms": 31,
        },
        {
            "attempted_at": "2026-03-02T08:00:09Z",
            "status_code": 204,
            "error": None,
            "latency_ms": 12,
        },
    ],
}


class DeliveryView(BaseModel):
    delivery_id: int
    event_id: str = Field(description="the CloudEvent's id, sent as webhook-id")
    event_type: str
    declaration_id: UUID
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime
    delivered_at: datetime | None
    log: list[AttemptView] = Field(description="every attempt, oldest first")

    @classmethod
    def of(cls, delivery: Delivery) -> "DeliveryView":
        return cls(
            delivery_id=delivery.delivery_id,
            event_id=delivery.event_id,
            event_type=delivery.event_type,
            declaration_id=delivery.declaration_id,
            state=delivery.state,
            attempts=delivery.attempts,
            next_attempt_at=delivery.next_attempt_at,
            delivered_at=delivery.delivered_at,
            log=[AttemptView.of(a) for a in delivery.log],
        )


class DeliveryPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [DELIVERY_EXAMPLE], "next_cursor": None}]}
    )

    items: list[DeliveryView] = Field(description="newest first")
    next_cursor: str | None


class Redelivery(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"delivery_id": 42, "state": "pending"}]}
    )

    delivery_id: int
    state: DeliveryState = Field(description="pending: it is sent again soon")

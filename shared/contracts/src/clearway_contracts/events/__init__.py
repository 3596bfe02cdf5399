"""Event schemas shared by every service: payload models, the registry and the envelope."""

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import Envelope, decode, encode
from clearway_contracts.events.registry import EVENT_TYPES, TOPICS, model_for

__all__ = ["EVENT_TYPES", "TOPICS", "Envelope", "EventPayload", "decode", "encode", "model_for"]

"""Cursor pagination: opaque cursors that encode the sort key of the last item seen."""

import base64
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from clearway_platform.domain_errors import InvalidInput

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(values: dict[str, Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, TypeError):
        raise InvalidInput.at("cursor", "not a cursor this API returned") from None
    if not isinstance(value, dict):
        raise InvalidInput.at("cursor", "not a cursor this API returned")
    return value

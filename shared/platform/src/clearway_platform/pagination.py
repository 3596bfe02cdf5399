"""Cursor pagination: opaque cursors that encode the sort key of the last item seen."""

import base64
import json
from collections.abc import Callable, Sequence
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
    # Every cursor this API writes holds strings (or lists of them) only: anything else was
    # made by hand, and a number where an id belongs must not reach UUID() or the database.
    if not isinstance(value, dict) or not all(_is_text(v) for v in value.values()):
        raise InvalidInput.at("cursor", "not a cursor this API returned")
    return value


def _is_text(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(part, str) and "\x00" not in part for part in value)
    return isinstance(value, str) and "\x00" not in value


def page_of(
    items: Sequence[T], *, key: Callable[[T], tuple[str, ...]], cursor: str | None, limit: int
) -> Page[T]:
    """A page of a list the service reads whole because it is small by nature (an office's
    sites, a site's queue today, the open checks of an office, a declaration's lane decisions):
    the same ``cursor`` + ``limit`` contract as the lists paged in SQL.

    ``key`` is the list's order, a tuple of strings (ISO times, zero-padded numbers, ids) unique
    per item; the cursor carries the last key seen, so a page is right even when items before
    it came or went meanwhile.
    """
    after = _key_of(cursor) if cursor else None
    ordered = sorted(items, key=key)
    rest = [item for item in ordered if after is None or list(key(item)) > after]
    shown = rest[:limit]
    more = len(rest) > limit
    return Page(
        items=shown,
        next_cursor=encode_cursor({"after": list(key(shown[-1]))}) if more else None,
    )


def _key_of(cursor: str) -> list[str]:
    after = decode_cursor(cursor).get("after")
    if not isinstance(after, list) or not all(isinstance(part, str) for part in after):
        raise InvalidInput.at("cursor", "not a cursor this API returned")
    return after

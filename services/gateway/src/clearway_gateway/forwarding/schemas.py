"""Building blocks of the gateway's copies of the services' bodies.

The gateway never imports a service: it keeps its own copy of each public body's shape, to
refuse malformed requests at the door and to document every operation with an example. The
bytes a service answers are passed back as they are, never parsed again on the way out.
"""

from datetime import time
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from clearway_contracts.input_policy import RequestModel

T = TypeVar("T")

# JSON Schema's "time" format demands a UTC offset; office hours are local wall-clock times.
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
            "description": "local wall-clock time, HH:MM[:SS]",
            "examples": ["09:00"],
        }
    ),
]


def example(value: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [value]})


def page_example(item: dict[str, Any]) -> ConfigDict:
    """A one-item last page: the shape of every list the API answers."""
    return example({"items": [item], "next_cursor": None})


class RequestBody(RequestModel):
    """What a client sends: unknown fields are refused, as the services refuse them."""


class ResponseBody(BaseModel):
    """What a service answers: a field added later is no breaking change."""

    model_config = ConfigDict(extra="allow")


class Paged(ResponseBody, Generic[T]):
    """One page of a list: every list of the API is paged alike (``limit``, ``cursor``)."""

    items: list[T]
    next_cursor: str | None = Field(
        None, description="pass as cursor for the next page; null on the last"
    )

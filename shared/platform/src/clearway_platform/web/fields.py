"""Request fields several APIs share."""

from typing import Annotated

from fastapi import Query
from pydantic import Field

Revision = Annotated[
    int,
    Field(
        ge=1,
        le=1_000_000,
        description=(
            "the declaration revision this decision is for, as read from the declaration; "
            "a decision for any other revision is refused (409)"
        ),
        examples=[1],
    ),
]

# Every list of the API is paged alike: ``limit`` items at most, then ``next_cursor``.
Cursor = Annotated[str | None, Query(description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]

"""Request fields several APIs share."""

from typing import Annotated

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

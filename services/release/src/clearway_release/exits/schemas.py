"""Request and response bodies of the exit API."""

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from clearway_contracts.input_policy import RequestModel
from clearway_platform.web.fields import Revision
from clearway_release.cases.models import Status

# 17 characters, no I, O or Q; accepted in either case, kept in upper case.
Vin = Annotated[str, StringConstraints(to_upper=True, pattern=r"^(?i:[A-HJ-NPR-Z0-9]{17})$")]


class ExitRequest(RequestModel):
    revision: Revision

    vins: list[Vin] | None = Field(
        None,
        min_length=1,
        max_length=1000,
        description="the vehicles leaving now; omit to confirm everything not yet exited",
    )


class ExitOut(BaseModel):
    declaration_id: UUID
    status: Status
    complete: bool = Field(description="every declared vehicle has exited")
    exited_now: list[str]
    exited: list[str]
    remaining: list[str]

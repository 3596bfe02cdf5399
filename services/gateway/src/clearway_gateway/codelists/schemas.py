"""The public code-list bodies: versioned reference data the export form is checked against."""

from typing import Annotated

from pydantic import Field, StringConstraints

from clearway_contracts.declaration_form import CodeListName
from clearway_gateway.forwarding.schemas import RequestBody, ResponseBody, example

SUPERVISION_MODES = {
    "description": "监管方式: trade (supervision) modes",
    "source": "China Customs' parameter tables of the single window (table cusTrade)",
    "entries": [
        {"code": "0110", "name": "General trade", "name_zh": "一般贸易"},
        {"code": "3010", "name": "Samples and advertising material", "name_zh": "货样广告品"},
    ],
}
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class CodeEntry(RequestBody):
    code: str = Field(pattern=r"^[0-9A-Za-z]{1,8}$")
    name: Name
    name_zh: Name | None = Field(None, description="the name in China Customs' own table")


class CodeList(RequestBody):
    """A whole list: publishing it makes its next version."""

    model_config = example(SUPERVISION_MODES)

    description: str = Field("", max_length=1000)
    source: str = Field("", max_length=1000, description="where the codes come from")
    entries: list[CodeEntry] = Field(min_length=1, max_length=10_000)


class PublishedCodeList(ResponseBody):
    model_config = example({"name": "supervision_modes", "version": 2, "list": SUPERVISION_MODES})

    name: CodeListName
    version: int
    list: CodeList

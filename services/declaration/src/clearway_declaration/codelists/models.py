"""Code lists: the values a field of the export form may take, as versioned data.

A list is published whole as its next version (as rule sets are); the form's fields are checked
against the latest version of each list when a declaration is lodged or amended. A list never
published in this database is checked against the one shipped with the service, so a fresh
installation validates the same way as the demo.
"""

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from clearway_contracts.declaration_form import CodeListName

# At most this many allowed values are quoted in an error; the list's URL names them all.
QUOTED_VALUES = 40


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CodeEntry(_Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{1,8}$")]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    name_zh: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = Field(None, description="the name in China Customs' own table")


class CodeList(_Strict):
    description: str = Field("", max_length=1000)
    source: str = Field("", max_length=1000, description="where the codes come from")
    entries: list[CodeEntry] = Field(min_length=1, max_length=10_000)

    @model_validator(mode="after")
    def _unique_codes(self) -> "CodeList":
        codes = [entry.code for entry in self.entries]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"codes must be unique: {', '.join(duplicates)}")
        return self

    def codes(self) -> frozenset[str]:
        return frozenset(entry.code for entry in self.entries)


@dataclass(frozen=True)
class VersionedList:
    name: CodeListName
    version: int  # 0: the shipped list, never published in this database
    codes: frozenset[str]


@dataclass(frozen=True)
class CodeLists:
    """The current version of every list, for checking one declaration."""

    lists: dict[CodeListName, VersionedList]

    def problem(self, name: CodeListName, code: str) -> str | None:
        """Why ``code`` is not allowed by the list ``name``, quoting the allowed values."""
        found = self.lists[name]
        if code in found.codes:
            return None
        allowed = sorted(found.codes)
        quoted = ", ".join(allowed[:QUOTED_VALUES])
        more = f" and {len(allowed) - QUOTED_VALUES} more" if len(allowed) > QUOTED_VALUES else ""
        version = f"version {found.version}" if found.version else "as shipped"
        return (
            f"{code!r} is not in the code list {name} ({version}); allowed: {quoted}{more} "
            f"(GET /v1/code-lists/{name}/current)"
        )

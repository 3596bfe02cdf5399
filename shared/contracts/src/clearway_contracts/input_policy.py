"""One input policy for every request body, at the gateway and again at each service.

A body model derives from ``RequestModel``; what it then refuses, each naming the field path:

* fields the model does not declare (``extra="forbid"``);
* text with a control character (NUL included, CR/LF outside ``MultiLineText``), a bidi
  override or isolate, or a zero-width character: none has a place in a customs record, and
  NUL is one PostgreSQL cannot store at all;
* integers outside PostgreSQL's ``integer`` (a field meant to be bigger says so with its own
  bounds and ``BigInt``).

Text is kept NFC-normalised, so one name is stored one way. Names stay Unicode: Chinese,
Cyrillic, Kazakh and every other script pass; codes take ASCII digits only (``[0-9]``, never
``\\d``, which also matches Arabic-Indic and other digits). Business dates are range-checked
(``BusinessDate``) and read only in ISO form, never as a number of seconds.

See docs/adr/0026-one-input-policy-and-bounded-work.md.
"""

import re
import typing
import unicodedata
from datetime import date
from enum import Enum
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

INT32_MAX = 2_147_483_647
INT32_MIN = -2_147_483_648
INT64_MAX = 9_223_372_036_854_775_807

# Directional formatting (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) and
# zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM): invisible, they make one text
# look like another.
_INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u200d\u2060\ufeff"
)
_MULTI_LINE_ALLOWED = frozenset("\n\t")


class _MultiLine:
    """Marks a text field where line breaks and tabs are content (a reason, a remark)."""

    def __repr__(self) -> str:
        return "MULTI_LINE"


MULTI_LINE = _MultiLine()


def text_fault(value: str, *, multi_line: bool = False) -> str | None:
    """Why ``value`` cannot be stored as text, or None when it can."""
    for char in value:
        if char in _INVISIBLE:
            return f"contains the invisible formatting character U+{ord(char):04X}"
        if unicodedata.category(char) == "Cc" and not (multi_line and char in _MULTI_LINE_ALLOWED):
            where = " (one line only)" if char in "\r\n" else ""
            return f"contains the control character U+{ord(char):04X}{where}"
        if 0xD800 <= ord(char) <= 0xDFFF:
            return "contains a lone surrogate"
    return None


def clean_text(value: str, *, multi_line: bool = False) -> str:
    """``value`` NFC-normalised (CRLF read as LF in multi-line text); ValueError if refused."""
    if multi_line:
        value = value.replace("\r\n", "\n")
    fault = text_fault(value, multi_line=multi_line)
    if fault is not None:
        raise ValueError(fault)
    return unicodedata.normalize("NFC", value)


def _clean(value: Any, *, multi_line: bool, big: bool) -> Any:
    if isinstance(value, Enum):
        return value  # one of the model's own choices
    if isinstance(value, str):
        return clean_text(value, multi_line=multi_line)
    if isinstance(value, bool | BaseModel):
        return value  # a nested model applied the policy to its own fields
    if isinstance(value, int):
        low, high = (-INT64_MAX - 1, INT64_MAX) if big else (INT32_MIN, INT32_MAX)
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value
    if isinstance(value, list):
        return [_clean(v, multi_line=multi_line, big=big) for v in value]
    if isinstance(value, tuple):
        return tuple(_clean(v, multi_line=multi_line, big=big) for v in value)
    if isinstance(value, set | frozenset):
        return type(value)(_clean(v, multi_line=multi_line, big=big) for v in value)
    if isinstance(value, dict):
        return {
            _clean(k, multi_line=False, big=big): _clean(v, multi_line=multi_line, big=big)
            for k, v in value.items()
        }
    return value


class _BigInt:
    """Marks an integer field that may use PostgreSQL's ``bigint`` range."""


BIG_INT = _BigInt()


def _markers(annotation: Any, metadata: list[Any]) -> set[int]:
    found = {id(m) for m in metadata if m is MULTI_LINE or m is BIG_INT}
    for arg in typing.get_args(annotation):
        found |= _markers(arg, list(getattr(arg, "__metadata__", ())))
    return found


class RequestModel(BaseModel):
    """The base of every request body: see the module's docstring for what it refuses."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _input_policy(cls, value: Any, info: ValidationInfo) -> Any:
        multi_line, big = _field_markers(cls, info.field_name or "")
        return _clean(value, multi_line=multi_line, big=big)


@cache
def _field_markers(model: type[BaseModel], name: str) -> tuple[bool, bool]:
    field = model.model_fields.get(name)
    if field is None:
        return False, False
    found = _markers(field.annotation, list(field.metadata))
    return id(MULTI_LINE) in found, id(BIG_INT) in found


MultiLineText = Annotated[str, MULTI_LINE]
BigInt = Annotated[int, BIG_INT]

# Codes: ASCII only. ``\d`` in a pattern would also take "٨٠٢١" (Arabic-Indic digits).
OFFICE_PATTERN = r"^[0-9]{4}$"
HS_CODE_PATTERN = r"^[0-9]{6,10}$"

# PostgreSQL ``integer`` ids and versions in paths and queries.
DbInt = Annotated[int, Field(ge=1, le=INT32_MAX)]

FIRST_BUSINESS_DAY = date(2000, 1, 1)
LAST_BUSINESS_DAY = date(2099, 12, 31)
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date_only(value: Any) -> Any:
    # Pydantic reads 0 or "0" as 1970-01-01 (seconds since the epoch): no client means that.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    if isinstance(value, int | float):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


BusinessDate = Annotated[
    date,
    BeforeValidator(_iso_date_only),
    Field(ge=FIRST_BUSINESS_DAY, le=LAST_BUSINESS_DAY, description="YYYY-MM-DD, 2000 to 2099"),
]


def at_most(limit: int) -> Any:
    """A before-validator refusing a list longer than ``limit`` before any item is validated
    (pydantic checks ``max_length`` only after validating every item: 10,000 took ~1 s)."""

    def check(value: Any) -> Any:
        if isinstance(value, list) and len(value) > limit:
            raise ValueError(f"at most {limit} items")
        return value

    return BeforeValidator(check)

"""The one input policy of request bodies (ADR 0026), on a model of its own."""

import unicodedata
from enum import StrEnum

import pytest
from pydantic import Field, ValidationError

from clearway_contracts.input_policy import (
    OFFICE_PATTERN,
    BigInt,
    BusinessDate,
    MultiLineText,
    RequestModel,
)


class Kind(StrEnum):
    CAR = "car"


class Party(RequestModel):
    name: str


class Body(RequestModel):
    party: Party
    seals: list[str] = []
    reason: MultiLineText | None = None
    office: str = Field("8021", pattern=OFFICE_PATTERN)
    kind: Kind = Kind.CAR
    count: int = 0
    big: BigInt = 0
    day: BusinessDate | None = None
    totals: dict[str, int] = {}


def refused(data: dict[str, object]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        Body.model_validate(data)
    return [(".".join(map(str, e["loc"])), e["msg"]) for e in caught.value.errors()]


@pytest.mark.parametrize(
    "name",
    [
        "新疆丝路汽车出口有限公司",
        "Алматы Моторс",  # Cyrillic, meant
        "Қазақ Авто Экспорт ЖШС",
        "Ürümqi Überland GmbH",
        "O'Brien & Sons — Export",
    ],
)
def test_names_stay_unicode(name: str) -> None:
    assert Body.model_validate({"party": {"name": name}}).party.name == name


def test_text_is_kept_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Қазақ Éxport")
    body = Body.model_validate({"party": {"name": decomposed}, "seals": [decomposed]})
    assert body.party.name == unicodedata.normalize("NFC", decomposed)
    assert body.seals == [unicodedata.normalize("NFC", decomposed)]


@pytest.mark.parametrize(
    "text",
    [
        "a\u0000b",
        "a\u202eb",
        "a\u2066b",
        "a\u200bb",
        "a\u200db",
        "a\ufeffb",
        "a\nb",
        "a\rb",
        "\x1b[2J",
    ],
)
def test_control_bidi_and_zero_width_characters_are_refused_by_field(text: str) -> None:
    assert [loc for loc, _ in refused({"party": {"name": text}})] == ["party.name"]
    assert [loc for loc, _ in refused({"party": {"name": "x"}, "seals": ["ok", text]})] == ["seals"]


def test_multi_line_text_keeps_its_lines_but_not_nul() -> None:
    body = Body.model_validate({"party": {"name": "x"}, "reason": "one\r\ntwo\tthree"})
    assert body.reason == "one\ntwo\tthree"
    assert [loc for loc, _ in refused({"party": {"name": "x"}, "reason": "a\u0000"})] == ["reason"]


def test_unknown_fields_are_refused_with_their_path() -> None:
    assert [loc for loc, _ in refused({"party": {"name": "x", "id": 1}, "status": "x"})] == [
        "party.id",
        "status",
    ]


def test_codes_take_ascii_digits_only() -> None:
    assert [loc for loc, _ in refused({"party": {"name": "x"}, "office": "٨٠٢١"})] == ["office"]


def test_integers_are_bounded_before_postgresql() -> None:
    assert [loc for loc, _ in refused({"party": {"name": "x"}, "count": 2**31})] == ["count"]
    assert [loc for loc, _ in refused({"party": {"name": "x"}, "totals": {"a": 10**20}})] == [
        "totals"
    ]
    assert Body.model_validate({"party": {"name": "x"}, "big": 2**40}).big == 2**40
    assert [loc for loc, _ in refused({"party": {"name": "x"}, "big": 2**63})] == ["big"]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "0", 0, "20260302"])
def test_business_dates_are_iso_and_in_range(day: object) -> None:
    assert [loc for loc, _ in refused({"party": {"name": "x"}, "day": day})] == ["day"]


def test_enums_stay_enums() -> None:
    assert Body.model_validate({"party": {"name": "x"}, "kind": "car"}).kind is Kind.CAR

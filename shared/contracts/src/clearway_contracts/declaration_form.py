"""The fields of China Customs' export declaration form (出口货物报关单) that Clearway carries.

One definition for the three places that need it: the gateway's public body, the declaration
service's accepted input and the content it stores and publishes. Every field is optional, so
an ERP that sends the short form keeps working. Shapes (patterns, lengths, ranges) are checked
here; membership of a code list (a supervision mode, a unit...) is checked by the declaration
service against the current version of that list, since code lists change without a release.

Each field's description starts with the form's Chinese label, so an integrator finds it.
"""

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, WithJsonSchema

from clearway_contracts.input_policy import MULTI_LINE, RequestModel

FormText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
FormLongText = Annotated[  # marks, remarks, declaration elements: line breaks are content
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000), MULTI_LINE
]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")]


def _decimal(description: str) -> WithJsonSchema:
    """One JSON Schema for a decimal in requests and responses (sent as a number or a string,
    answered as a string): one model per part of the form, so a generated client gets one
    class per part (a request and a response schema of the same title collide in generators)."""
    return WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}],
            "description": description,
        }
    )


Amount = Annotated[
    Decimal, Field(ge=0, max_digits=16, decimal_places=2), _decimal("at least 0, to the cent")
]
Quantity = Annotated[
    Decimal, Field(gt=0, max_digits=14, decimal_places=3), _decimal("more than 0, 3 decimals")
]
Weight = Annotated[
    Decimal, Field(gt=0, max_digits=14, decimal_places=3), _decimal("kg, more than 0, 3 decimals")
]
DistrictCode = Annotated[str, Field(pattern=r"^[0-9]{4}$")]
UnitCode = Annotated[str, Field(pattern=r"^[0-9]{3}$")]
# GB 32100-2015: 18 characters from 0-9 and the capitals other than I, O, S, V and Z.
CreditCode = Annotated[
    str,
    Field(
        pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$",
        description="18-character unified social credit code (统一社会信用代码, GB 32100), "
        "its check character verified",
    ),
]


class FormBody(RequestModel):
    """A part of the form, under the input policy (unknown fields refused, text clean and NFC);
    a value once set never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CodeListName(StrEnum):
    """The code lists the form's fields are checked against (versioned reference data)."""

    CUSTOMS_DISTRICTS = "customs_districts"
    SUPERVISION_MODES = "supervision_modes"
    TRANSPORT_MODES = "transport_modes"
    PACKAGE_TYPES = "package_types"
    TRANSACTION_TERMS = "transaction_terms"
    UNITS = "units"
    LEVY_NATURES = "levy_natures"
    LEVY_TREATMENTS = "levy_treatments"
    DOCUMENT_TYPES = "document_types"


class DomesticUnit(FormBody):
    """An enterprise in China: the domestic consignor or the production/sales unit."""

    name: FormText
    credit_code: CreditCode
    customs_code: str | None = Field(
        None,
        pattern=r"^[0-9A-Z]{10}$",
        description="海关注册编码: the 10-character customs registration code",
    )


class Charge(FormBody):
    """Freight, insurance or other charges (运费/保费/杂费) as a total amount."""

    amount: Amount
    currency: CurrencyCode


class AttachedDocument(FormBody):
    """随附单证及编号: a licence or certificate the goods travel with."""

    type: str = Field(
        pattern=r"^[0-9A-Za-z]{1,2}$",
        description="随附单证代码: code list document_types (e.g. 4 export licence)",
    )
    number: FormText = Field(description="随附单证编号: the document's number")


class ExportForm(FormBody):
    """The header of the export declaration form (报关单表头)."""

    declaring_customs: DistrictCode | None = Field(
        None, description="申报地海关: customs district code (code list customs_districts)"
    )
    exit_customs: DistrictCode | None = Field(
        None, description="出境关别: customs district the goods leave by (customs_districts)"
    )
    export_date: date | None = Field(None, description="出口日期: the date the goods leave")
    declaration_date: date | None = Field(None, description="申报日期: the date declared")
    domestic_consignor: DomesticUnit | None = Field(None, description="境内发货人")
    production_sales_unit: DomesticUnit | None = Field(None, description="生产销售单位")
    transport_mode: str | None = Field(
        None,
        pattern=r"^[0-9A-Z]$",
        description="运输方式: China Customs' code (transport_modes), e.g. 2 waterway, "
        "3 rail, 4 road; must agree with transport.mode",
    )
    voyage_number: FormText | None = Field(
        None, description="航次号: the voyage or trip number of transport.means_id (运输工具名称)"
    )
    bill_of_lading: FormText | None = Field(None, description="提运单号: bill of lading/waybill")
    supervision_mode: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="监管方式: trade mode (supervision_modes), e.g. 0110 general trade",
    )
    levy_nature: str | None = Field(
        None, pattern=r"^[0-9]{3}$", description="征免性质 (levy_natures), e.g. 101 general levy"
    )
    licence_number: FormText | None = Field(None, description="许可证号: the export licence")
    contract_number: FormText | None = Field(None, description="合同协议号")
    trading_country: CountryCode | None = Field(None, description="贸易国(地区)")
    port_of_destination: FormText | None = Field(None, description="指运港")
    departure_port: FormText | None = Field(None, description="离境口岸")
    package_type: str | None = Field(
        None, pattern=r"^[0-9]{2}$", description="包装种类 (package_types), e.g. 01 unpacked"
    )
    package_count: int | None = Field(None, ge=0, le=10_000_000, description="件数")
    gross_weight_kg: Weight | None = Field(None, description="毛重(千克)")
    net_weight_kg: Weight | None = Field(None, description="净重(千克): at most the gross weight")
    transaction_terms: str | None = Field(
        None,
        pattern=r"^[0-9]$",
        description="成交方式 (transaction_terms): 1 CIF, 2 C&F, 3 FOB, 4 C&I, 7 EXW...",
    )
    freight: Charge | None = Field(None, description="运费: needed with CIF and C&F")
    insurance: Charge | None = Field(None, description="保费: needed with CIF")
    other_charges: Charge | None = Field(None, description="杂费")
    documents: list[AttachedDocument] | None = Field(
        None, max_length=50, description="随附单证及编号"
    )
    marks_and_remarks: FormLongText | None = Field(None, description="标记唛码及备注")


class BatteryChemistry(StrEnum):
    LITHIUM_IRON_PHOSPHATE = "lithium_iron_phosphate"
    LITHIUM_NMC = "lithium_nmc"
    LITHIUM_NCA = "lithium_nca"
    LITHIUM_ION_OTHER = "lithium_ion_other"
    LITHIUM_METAL = "lithium_metal"
    NICKEL_METAL_HYDRIDE = "nickel_metal_hydride"
    SODIUM_ION = "sodium_ion"


class Battery(FormBody):
    """A traction battery, or a lithium battery shipped as goods: dangerous goods of class 9."""

    chemistry: BatteryChemistry
    energy_kwh: Annotated[
        Decimal,
        Field(gt=0, le=2000, max_digits=8, decimal_places=3),
        _decimal("kWh: more than 0, at most 2000, 3 decimals"),
    ]
    un_number: str = Field(
        pattern=r"^UN[0-9]{4}$",
        description="a BEV: UN3556 (vehicle, lithium-ion battery powered; ADR 2025, IMDG 42-24) "
        "or UN3171 (battery-powered vehicle; air, and before 2026 by road and sea); a PHEV or "
        "FCEV: UN3166; batteries as goods: UN3480/UN3481 lithium-ion, UN3090/UN3091 lithium "
        "metal",
    )
    hazard_class: str = Field(pattern=r"^9$", description="dangerous-goods class: 9")
    test_summary: FormText = Field(description="UN 38.3 test summary reference")


class ItemForm(FormBody):
    """An item's fields of the form (报关单表体) beyond Clearway's short item: the item's
    hs_code (商品编号, 10 digits with a form), description (商品名称), quantity (成交数量),
    value (总价), currency (币制) and origin_country (原产国) are the short item's own."""

    declaration_elements: FormLongText | None = Field(
        None, description="规格型号/申报要素: the specification text customs requires per heading"
    )
    declared_unit: UnitCode | None = Field(
        None, description="成交计量单位: China Customs unit code (units), e.g. 003 vehicle"
    )
    legal_quantity: Quantity | None = Field(None, description="法定第一数量")
    legal_unit: UnitCode | None = Field(None, description="法定第一计量单位 (units)")
    second_quantity: Quantity | None = Field(None, description="法定第二数量")
    second_unit: UnitCode | None = Field(None, description="法定第二计量单位 (units)")
    unit_price: (
        Annotated[
            Decimal,
            Field(ge=0, max_digits=18, decimal_places=4),
            _decimal("at least 0, 4 decimals"),
        ]
        | None
    ) = Field(None, description="单价: value / quantity, to the cent")
    final_destination_country: CountryCode | None = Field(None, description="最终目的国(地区)")
    domestic_source: str | None = Field(
        None, pattern=r"^[0-9]{5}$", description="境内货源地: 5-digit domestic region code"
    )
    levy_treatment: str | None = Field(
        None, pattern=r"^[0-9]$", description="征免 (levy_treatments), e.g. 1 levied as the tariff"
    )
    battery: Battery | None = Field(
        None, description="lithium batteries as goods (HS 850760): their dangerous-goods data"
    )

"""Declarations as the release service keeps them: the facts of the published snapshots."""

from uuid import UUID, uuid4

from clearway_contracts.events.common import ClearanceMode, Item, PowerType, TransitTerms, Transport
from clearway_contracts.events.common import TransportMode as Mode
from clearway_release.cases.models import DeclarationFacts
from clearway_release.releases.handlers import declaration_facts
from tests.support.samples.snapshots import CHONGQING_RAIL, car, routing, snapshot

VINS = ("LSGKB54E8PS012345", "LSGKB54E8PS012346")


def _cars(vins: tuple[str, ...]) -> list[Item]:
    return [car(line, vin=vin, power=PowerType.BEV) for line, vin in enumerate(vins, start=1)]


def local(*, revision: int = 1, vins: tuple[str, ...] = VINS) -> DeclarationFacts:
    return declaration_facts(
        snapshot(revision=revision, customs_number="802120260000000042", items=_cars(vins))
    )


def direct_transfer(*, revision: int = 1) -> DeclarationFacts:
    return declaration_facts(
        snapshot(
            revision=revision,
            customs_number="860120260000000007",
            declarant=CHONGQING_RAIL,
            routing=routing(ClearanceMode.DIRECT_TRANSFER),
            transport=Transport(mode=Mode.RAIL_CAR_CARRIER, means_id="X8017"),
            transit=TransitTerms(
                seals=["CN8601-0001", "CN8601-0002"],
                time_limit_hours=72,
                route="Chongqing - Xi'an - Urumqi - Horgos",
                carrier="China Railway Container Transport",
            ),
            items=_cars(VINS),
        )
    )


def declaration_id() -> UUID:
    return uuid4()

"""Issue 10, as a property: whatever text a client puts in any field of a lodging, the gateway
answers 201 or a 4xx problem naming a field, never a 5xx; a refused lodging stores nothing, and
an accepted one stores the text as sent, NFC-normalised (ADR 0026).

`make test` runs a bounded number of examples; the long run is

    CLEARWAY_FUZZ_EXAMPLES=2000 uv run --frozen pytest -q tests/e2e/test_hostile_input_property.py

(tests/e2e/test_contract.py runs schemathesis over every operation of the OpenAPI document.)
"""

import asyncio
import os
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import System
from tests.e2e.test_hostile_input import put
from tests.support.samples import bodies

EXAMPLES = int(os.environ.get("CLEARWAY_FUZZ_EXAMPLES", "25"))

TEXT_FIELDS = [
    "exporter.name",
    "consignee.name",
    "consignee.code",
    "declarant.name",
    "transport.means_id",
    "items.0.description",
    "items.0.vehicle.make",
    "items.0.vehicle.model",
    "items.0.vehicle.plate",
    "consignment_reference",
    "declaring_office",
    "destination_country",
    "items.0.hs_code",
]
HOSTILE = st.sampled_from(
    ["\u0000", "\u202e", "\u200b", "\ufeff", "\r\n", "\t", "\x1b", "\u0301", "٨", "\ud7ff"]
)
TEXTS = st.one_of(
    st.text(min_size=0, max_size=40),
    st.lists(st.one_of(HOSTILE, st.text(max_size=5)), min_size=1, max_size=6).map("".join),
)
VALUES: st.SearchStrategy[Any] = st.one_of(
    TEXTS,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.none(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)


async def test_no_text_in_any_field_makes_a_5xx_or_a_stray_record(system: System) -> None:
    forwarder, admin = system.forwarder(), system.official("admin")
    loop = asyncio.get_running_loop()

    async def attempt(field: str, value: Any) -> None:
        body = put(bodies.local_car(), field, value)
        vin = bodies.vins(body)[0]
        response = await forwarder.post("/v1/declarations", json=body)
        assert response.status_code < 500, response.text
        found = (await admin.get("/v1/declarations", params={"vin": vin})).json()["items"]
        if response.status_code == 201:
            stored = (await forwarder.get(f"/v1/declarations/{response.json()['id']}")).json()
            kept = stored
            for part in field.split("."):
                kept = kept[int(part)] if part.isdigit() else kept[part]
            if isinstance(value, str):
                assert kept == unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
            assert len(found) == 1
        else:
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["status"] == response.status_code
            assert found == []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(field=st.sampled_from(TEXT_FIELDS), value=VALUES)
    def check(field: str, value: Any) -> None:
        asyncio.run_coroutine_threadsafe(attempt(field, value), loop).result(timeout=60)

    await asyncio.to_thread(check)

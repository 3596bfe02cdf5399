"""Issue 10: every bad input a hostile or sloppy client sent gets a 4xx problem+json naming
the field at fault, and changes nothing (ADR 0026). Each case was a 500, a silent
acceptance or unbounded work before; all go through the gateway, where a client meets them.
"""

import asyncio
import copy
import json
import time
import unicodedata
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from clearway_platform.pagination import encode_cursor
from tests.e2e.conftest import System
from tests.e2e.flow import lodge
from tests.support.identity import gateway_settings
from tests.support.samples import bodies

NUL = "a\u0000b"


def assert_problem(response: httpx.Response, status: int, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    if field is not None:
        fields = [error["field"] for error in response.json().get("errors", [])]
        assert field in fields, response.text


def put(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``body`` with ``value`` at ``path`` (``items.0.vehicle.make``)."""
    changed = copy.deepcopy(body)
    *parents, last = path.split(".")
    where: Any = changed
    for part in parents:
        where = where[int(part)] if part.isdigit() else where[part]
    where[int(last) if last.isdigit() else last] = value
    return changed


async def nothing_declared(system: System, vin: str) -> bool:
    found = await system.official("admin").get("/v1/declarations", params={"vin": vin})
    assert found.status_code == 200, found.text
    return len(found.json()["items"]) == 0


STORED_TEXT = [
    "exporter.name",
    "consignee.name",
    "consignee.code",
    "transport.means_id",
    "items.0.description",
    "items.0.vehicle.make",
    "items.0.vehicle.model",
    "declarant.name",
]


def public_path(path: str) -> str:
    """``items.0.vehicle.make`` → ``items[0].vehicle.make``, as problems name fields."""
    out = ""
    for part in path.split("."):
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


@pytest.mark.parametrize("path", STORED_TEXT)
async def test_a_nul_in_any_stored_text_is_refused_by_name(system: System, path: str) -> None:
    body = bodies.local_car()
    response = await system.forwarder().post("/v1/declarations", json=put(body, path, NUL))
    assert_problem(response, 422, public_path(path))
    assert await nothing_declared(system, bodies.vins(body)[0])


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Almaty\u202eMotors", "right-to-left override"),
        ("Almaty\u200bMotors", "zero-width space"),
        ("Almaty\r\nMotors", "line break in a name"),
        ("Almaty\tMotors", "tab"),
    ],
)
async def test_invisible_and_control_characters_in_a_name_are_refused(
    system: System, text: str, why: str
) -> None:
    body = bodies.local_car()
    response = await system.forwarder().post(
        "/v1/declarations", json=put(body, "consignee.name", text)
    )
    assert_problem(response, 422, "consignee.name")
    assert await nothing_declared(system, bodies.vins(body)[0])


async def test_names_stay_unicode_and_are_stored_nfc(system: System) -> None:
    forwarder = system.forwarder()
    decomposed = unicodedata.normalize("NFD", "Қазақ Авто Экспорт ЖШС")
    body = put(bodies.local_car(), "consignee.name", decomposed)
    body = put(body, "exporter.name", "新疆丝路汽车出口有限公司")
    description = "Электромобиль BYD Atto 3\nдва ключа"  # noqa: RUF001  # Cyrillic, meant
    body = put(body, "items.0.description", description)
    lodged = await lodge(forwarder, body)
    stored = (await forwarder.get(f"/v1/declarations/{lodged['id']}")).json()
    assert stored["consignee"]["name"] == unicodedata.normalize("NFC", decomposed)
    assert stored["exporter"]["name"] == "新疆丝路汽车出口有限公司"
    assert stored["items"][0]["description"] == description


@pytest.mark.parametrize("field", ["status", "id", "customs_number", "routing"])
async def test_unknown_top_level_fields_on_lodging_are_refused(system: System, field: str) -> None:
    body = bodies.local_car()
    body[field] = {"mode": "local"} if field == "routing" else "x"
    response = await system.forwarder().post("/v1/declarations", json=body)
    assert_problem(response, 422, field)
    assert await nothing_declared(system, bodies.vins(body)[0])


async def test_codes_take_ascii_digits_only(system: System) -> None:
    body = bodies.local_car()
    body["declaring_office"] = "\u0668\u0660\u0662\u0661"  # 8021 in Arabic-Indic digits
    response = await system.forwarder().post("/v1/declarations", json=body)
    assert_problem(response, 422, "declaring_office")
    listed = await system.official("admin").get(
        "/v1/declarations", params={"office": "\u0668\u0660\u0662\u0661"}
    )
    assert_problem(listed, 422, "office")


async def test_nul_in_amendment_cancellation_and_arrival_changes_nothing(system: System) -> None:
    forwarder = system.forwarder()
    body = bodies.local_car()
    lodged = await lodge(forwarder, body)
    url = f"/v1/declarations/{lodged['id']}"
    before = (await forwarder.get(url)).json()

    content = {k: v for k, v in body.items() if k not in ("mode", "declaring_office")}
    content.pop("exit_office", None)
    content.pop("departure_office", None)
    amended = await forwarder.post(f"{url}/amendments", json={**content, "reason": NUL})
    assert_problem(amended, 422, "reason")
    extra = await forwarder.post(
        f"{url}/amendments", json={**content, "reason": "ok", "status": "released"}
    )
    assert_problem(extra, 422, "status")
    cancelled = await forwarder.post(f"{url}/cancellation", json={"reason": NUL})
    assert_problem(cancelled, 422, "reason")
    after = (await forwarder.get(url)).json()
    assert (after["revision"], after["status"]) == (before["revision"], before["status"])

    arrival = await system.official("inspector-hrg").post(
        "/v1/sites/HRG-1/arrivals", json={"reference": NUL}
    )
    assert_problem(arrival, 422, "reference")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"vin": "A\u0000B"}, "vin"),
        ({"declarant": "\u0000"}, "declarant"),
        ({"means_id": "x\u202ey"}, "means_id"),
    ],
)
async def test_control_characters_in_query_filters_are_refused(
    system: System, params: dict[str, str], field: str
) -> None:
    response = await system.official("admin").get("/v1/declarations", params=params)
    assert_problem(response, 422, field)


@pytest.mark.parametrize(
    "position",
    [{"at": "2026-01-01T00:00:00+00:00", "id": 7}, {"at": 1, "id": "x"}, {"id": ["x"]}],
)
async def test_a_cursor_of_the_wrong_types_is_refused(
    system: System, position: dict[str, Any]
) -> None:
    cursor = encode_cursor(position)
    response = await system.forwarder().get("/v1/declarations", params={"cursor": cursor})
    assert_problem(response, 422, "cursor")


@pytest.mark.parametrize("first", ["9999-12-31", "0001-01-01", "0", "1999-12-31", "20260302"])
async def test_availability_outside_business_dates_is_refused(system: System, first: str) -> None:
    response = await system.forwarder().get(
        "/v1/sites/HRG-1/availability", params={"from": first, "days": 14}
    )
    assert_problem(response, 422, "from")


@pytest.mark.parametrize("version", [2**31, 2**63, 10**20])
async def test_a_ruleset_version_beyond_postgresql_integers_is_refused(
    system: System, version: int
) -> None:
    response = await system.official("admin").get(f"/v1/risk/rulesets/{version}")
    assert_problem(response, 422, "version")


def signed(**changes: Any) -> str:
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": "inspector-hrg",
        "role": "inspector",
        "office": "8021",
        "site": "HRG-1",
        "aud": "clearway",
        "iss": "clearway-gateway",
        "iat": now,
        "exp": now + timedelta(hours=1),
    }
    claims.update(changes)
    return jwt.encode(claims, str(gateway_settings()["jwt_secret"]), algorithm="HS256")


@pytest.mark.parametrize(
    "changes",
    [
        {"role": ["admin"]},
        {"exp": "tomorrow"},
        {"exp": 10**20},
        {"office": ["8021"]},
        {"office": 8021},
        {"site": {"id": "HRG-1"}},
        {"sub": 42},
    ],
)
async def test_a_signed_token_with_claims_of_the_wrong_types_is_refused(
    system: System, changes: dict[str, Any]
) -> None:
    token = signed(**changes)
    response = await system.anonymous().get(
        "/v1/tablet/queue", headers={"Authorization": f"Bearer {token}"}
    )
    assert_problem(response, 401)


async def test_the_well_typed_token_of_the_same_shape_is_accepted(system: System) -> None:
    response = await system.anonymous().get(
        "/v1/tablet/queue", headers={"Authorization": f"Bearer {signed()}"}
    )
    assert response.status_code == 200, response.text


async def test_a_json_body_that_is_not_utf8_is_refused(system: System) -> None:
    forwarder = system.forwarder()
    body = bodies.local_car()
    text = json.dumps(body)
    for raw, content_type in [
        (text.encode("utf-16"), "application/json"),
        (text.encode("utf-16-le"), "application/json"),
        (b"\xef\xbb\xbf" + text.encode(), "application/json"),
        (text.encode(), "application/json; charset=latin-1"),
    ]:
        response = await forwarder.post(
            "/v1/declarations", content=raw, headers={"Content-Type": content_type}
        )
        assert_problem(response, 415)
    assert await nothing_declared(system, bodies.vins(body)[0])


async def test_a_body_over_the_limit_is_refused_while_it_is_read(system: System) -> None:
    forwarder = system.forwarder()
    key = system.api_keys["6501234567"]
    # Content-Length says it: refused before a byte of the body is read (none is sent).
    status, body = await headers_only(system, length=3 * 1024 * 1024, api_key=key)
    assert (status, body["status"]) == (413, 413)

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
        yield b'{"reason": "'
        for _ in range(33):
            yield b"x" * 65536
        yield b'"}'

    streamed = await forwarder.post(
        "/v1/declarations/00000000-0000-0000-0000-000000000000/cancellation",
        content=chunks(),
        headers=_json(),
    )
    assert_problem(streamed, 413)


async def test_a_stranger_s_body_is_refused_before_it_is_read(system: System) -> None:
    """The body is never sent: an answer at all proves the gateway did not wait for it."""
    started = time.perf_counter()
    status, body = await headers_only(system, length=20 * 1024 * 1024)
    assert (status, body["status"]) == (413, 413)
    status, body = await headers_only(system, length=1024 * 1024)
    assert (status, body["status"]) == (401, 401)  # not 422: who calls is asked first
    status, body = await headers_only(system, length=1024 * 1024, api_key="cwk_nobody_" + "x" * 20)
    assert (status, body["status"]) == (401, 401)
    assert time.perf_counter() - started < 10

    small = await system.anonymous().post("/v1/declarations", content=b"{", headers=_json())
    assert_problem(small, 401)


async def headers_only(
    system: System, *, length: int, api_key: str | None = None
) -> tuple[int, dict[str, Any]]:
    """POSTs a lodging's headers announcing ``length`` bytes, sends none, reads the answer."""
    url = httpx.URL(system.gateway_url)
    reader, writer = await asyncio.open_connection(url.host, url.port)
    key = f"X-API-Key: {api_key}\r\n" if api_key else ""
    writer.write(
        (
            f"POST /v1/declarations HTTP/1.1\r\nHost: {url.host}\r\n{key}"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
        lines = head.decode("latin-1").split("\r\n")
        size = next(
            int(v)
            for k, _, v in (x.partition(": ") for x in lines)
            if k.lower() == "content-length"
        )
        payload = await asyncio.wait_for(reader.readexactly(size), timeout=10)
    finally:
        writer.close()
    return int(lines[0].split()[1]), json.loads(payload)


async def test_oversized_headers_and_keys_are_refused_before_any_lookup(system: System) -> None:
    huge = await system.anonymous().get("/v1/declarations", headers={"X-API-Key": "k" * 20_000})
    assert_problem(huge, 431)
    long_key = await system.anonymous().get("/v1/declarations", headers={"X-API-Key": "k" * 5000})
    assert_problem(long_key, 401)


async def test_more_than_a_thousand_items_are_refused(system: System) -> None:
    body = bodies.local_car()
    body["items"] = [dict(body["items"][0], line=n + 1) for n in range(1001)]
    response = await system.forwarder().post("/v1/declarations", json=body)
    assert_problem(response, 422, "items")


def _json() -> dict[str, str]:
    return {"Content-Type": "application/json"}

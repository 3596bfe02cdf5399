"""Log lines a log pipeline can parse: JSON, ISO 8601 UTC, the request id, no ANSI escapes; and
one access log line per request."""

import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import APIRouter
from opentelemetry.sdk.trace import TracerProvider

from clearway_contracts.identity import Caller, Role
from clearway_gateway.app import create_app as gateway_app
from clearway_gateway.settings import Settings as GatewaySettings
from clearway_platform.correlation import set_correlation_id
from clearway_platform.logs import configure_logging, iso_utc
from clearway_platform.settings import ServiceSettings
from clearway_platform.web.app import create_service_app
from clearway_platform.web.deps import CallerDep
from tests.support.identity import as_gateway, gateway_settings, identity_settings

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def lines() -> Iterator[Any]:
    """The JSON objects logged so far (the handler's stream kept in memory)."""
    configure_logging(service="probe")
    [handler] = logging.getLogger().handlers
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    handler.setStream(buffer)

    def read() -> list[dict[str, Any]]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield read
    logging.getLogger().handlers[:] = []
    set_correlation_id(None)


def test_the_time_is_iso_8601_in_utc_with_milliseconds() -> None:
    assert iso_utc(1796093892.411) == "2026-12-01T02:58:12.411Z"


def test_a_line_is_json_with_its_service_level_request_and_trace(lines: Any) -> None:
    set_correlation_id("0af7651916cd43dd8448eb211c80319c")
    logging.getLogger("clearway.test").warning("something %s", "odd")
    [line] = lines()
    assert ISO_UTC.match(line["time"]), line["time"]
    assert line["level"] == "WARNING"
    assert line["service"] == "probe"
    assert line["logger"] == "clearway.test"
    assert line["message"] == "something odd"
    assert line["request_id"] == "0af7651916cd43dd8448eb211c80319c"
    assert line["trace_id"] == "0af7651916cd43dd8448eb211c80319c"


def test_uvicorns_coloured_copy_of_the_message_is_dropped(lines: Any) -> None:
    logging.getLogger("uvicorn.error").info(
        "Started server process [%d]",
        42,
        extra={"color_message": "Started server process [\x1b[36m%d\x1b[0m]"},
    )
    raw = json.dumps(lines())
    assert "color_message" not in raw
    assert "\\u001b" not in raw and "\x1b" not in raw
    assert "Started server process [42]" in raw


def test_text_format_is_one_readable_line(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(service="probe", log_format="text")
    try:
        logging.getLogger("clearway.test").info("hello")
    finally:
        logging.getLogger().handlers[:] = []
    [line] = capsys.readouterr().out.splitlines()
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO +clearway.test \[", line)
    assert line.endswith("hello")


async def test_every_request_has_one_access_line_without_its_query(lines: Any) -> None:
    router = APIRouter()

    @router.get("/things/{thing}")
    async def thing(thing: str, caller: CallerDep) -> dict[str, str]:
        return {"thing": thing}

    settings = ServiceSettings(service_name="probe", roles={"api"}, **identity_settings())
    app = create_service_app(settings=settings, title="t", routers=[router], uses_kafka=False)
    caller = Caller(role=Role.OFFICER, actor="officer-8021", office="8021")
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        ok = await http.get(
            "/things/a1?vin=LSVAU2180N2183294",
            headers={"X-Request-ID": "3f2c1d9e8b7a46f5a4e3d2c1b0a99887"},
            auth=as_gateway(caller, "probe"),
        )
        refused = await http.get("/things/a2")
    assert (ok.status_code, refused.status_code) == (200, 401)
    access = [line for line in lines() if line["logger"] == "clearway.access"]
    assert len(access) == 2
    first, second = access
    assert ISO_UTC.match(first["time"])
    assert first["method"] == "GET"
    assert first["path"] == "/things/a1"
    assert first["route"] == "/things/{thing}"
    assert first["status"] == 200
    assert first["client"] == "10.1.2.3"
    assert first["principal"] == "officer:officer-8021"
    assert first["request_id"] == "3f2c1d9e8b7a46f5a4e3d2c1b0a99887"
    assert isinstance(first["duration_ms"], float)
    assert "LSVAU2180N2183294" not in json.dumps(access)  # no query values
    assert "x-clearway-identity" not in json.dumps(access).lower()
    assert second["status"] == 401
    assert "principal" not in second
    assert second["request_id"] not in ("-", first["request_id"])


def test_a_line_in_a_span_carries_its_trace_and_span_ids(lines: Any) -> None:
    set_correlation_id("0af7651916cd43dd8448eb211c80319c")
    with TracerProvider().get_tracer("probe").start_as_current_span("work") as span:
        logging.getLogger("clearway.test").info("traced")
    [line] = lines()
    context = span.get_span_context()
    assert line["trace_id"] == format(context.trace_id, "032x")
    assert line["span_id"] == format(context.span_id, "016x")
    assert line["request_id"] == "0af7651916cd43dd8448eb211c80319c"  # still the request's


async def test_the_gateway_writes_its_access_lines(lines: Any) -> None:
    app = gateway_app(GatewaySettings(roles={"api"}, **gateway_settings()))
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/healthz", headers={"X-Request-ID": "7d" * 16})
    assert response.status_code == 200
    [access] = [line for line in lines() if line["logger"] == "clearway.access"]
    assert ISO_UTC.match(access["time"])
    assert (access["path"], access["status"], access["request_id"]) == ("/healthz", 200, "7d" * 16)
    assert "\x1b" not in json.dumps(lines()) and "\\u001b" not in json.dumps(lines())

"""Issue 10: the logs of a whole story carry no secret and no declared name (ADR 0026).

Every log record of every service (they share this test's process) is captured as the JSON
line a log shipper would see, exception text included, while a forwarder and officials do
what they do every day and make every mistake the issue lists; then the lines are searched
for the credentials they used and the names they declared.
"""

import logging
from collections.abc import Iterator
from uuid import uuid4

import pytest

from clearway_gateway.settings import DEMO_API_KEY
from clearway_platform.logs import Context, formatter
from tests.e2e.conftest import System
from tests.e2e.flow import lodge, wait_for_status
from tests.support.identity import gateway_settings
from tests.support.samples import bodies


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.addFilter(Context())
        self.setFormatter(formatter("test"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logs() -> Iterator[Capture]:
    capture = Capture()
    root = logging.getLogger()
    level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(level)


async def test_no_secret_and_no_declared_name_reaches_the_logs(
    system: System, logs: Capture
) -> None:
    tag = uuid4().hex[:8]
    consignee, exporter = f"Zhanar Seitkali {tag}", f"李明 出口 {tag}"
    body = bodies.local_car(used=True)
    body["consignee"]["name"], body["exporter"]["name"] = consignee, exporter
    forwarder, officer = system.forwarder(), system.official("officer-hrg")

    lodged = await lodge(forwarder, body)
    await wait_for_status(forwarder, lodged["id"], "under_control")
    assert (await forwarder.get(f"/v1/declarations/{lodged['id']}")).status_code == 200
    assert (await officer.get("/v1/declarations", params={"vin": bodies.vins(body)[0]})).is_success
    # The mistakes of issue 10, each carrying a name or a credential.
    bad = dict(body, consignee={**body["consignee"], "name": consignee + "\u0000"})
    assert (await forwarder.post("/v1/declarations", json=bad)).status_code == 422
    assert (
        await forwarder.post("/v1/declarations", json={**body, "status": exporter})
    ).status_code == 422
    cancel = f"/v1/declarations/{lodged['id']}/cancellation"
    assert (await forwarder.post(cancel, json={"reason": f"{consignee} withdrew"})).is_success
    stranger, wrong_key = system.anonymous(), f"cwk_nobody_{tag}-not-a-real-key-at-all"
    for headers in (
        {"X-API-Key": wrong_key},
        {"Authorization": "Bearer " + system.tokens["admin"].replace(".", ".x", 1)},
    ):
        assert (await stranger.get("/v1/declarations", headers=headers)).status_code == 401
    await wait_for_status(forwarder, lodged["id"], "cancelled")

    text = "\n".join(logs.lines)
    assert len(logs.lines) > 10, "the story was not logged at all"
    secrets = {
        "the demo API key": DEMO_API_KEY,
        "the JWT secret": str(gateway_settings()["jwt_secret"]),
        "a wrong API key": wrong_key,
        **{f"the API key of {who}": key for who, key in system.api_keys.items()},
        **{f"the token of {who}": token for who, token in system.tokens.items()},
    }
    for what, secret in secrets.items():
        assert secret not in text, f"{what} is in the logs"
    for name in (consignee, exporter, tag):
        assert name not in text, f"the declared name {name!r} is in the logs"

"""The tablet checks a VIN's check digit as it is typed (web/common/vin.js): it must agree
with the declaration service, which refuses a wrong one. Run on node against the same cases."""

import json
import shutil
import subprocess

import pytest

from clearway_declaration.declarations.vin import vin_problem
from clearway_gateway.browser.assets import WEB
from tests.support.samples.bodies import REAL_VINS, fresh_vin

NODE = """
import { vinProblem } from './common/vin.js';
console.log(JSON.stringify(JSON.parse(process.argv[1]).map((vin) => vinProblem(vin))));
"""


def browser_verdicts(vins: list[str]) -> list[dict[str, object] | None]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required (the browser apps' libraries come from npm)")
    ran = subprocess.run(
        [node, "--input-type=module", "-e", NODE, json.dumps(vins)],
        capture_output=True,
        text=True,
        cwd=WEB,
        check=True,
    )
    return list(json.loads(ran.stdout))


def test_the_tablet_and_the_declaration_service_agree_on_every_vin() -> None:
    fresh = [fresh_vin() for _ in range(300)]
    wrong = [vin[:8] + ("0" if vin[8] != "0" else "1") + vin[9:] for vin in fresh[:100]]
    cases = [
        *REAL_VINS,
        "1HGCM82643A004352",  # wrong check digit: should be 3
        "1M8GDM9AXKP042788",  # check digit X
        "WP0ZZZ99ZTS392124",  # a European VIN without a check digit
        "1HGCM82633A00435",  # 16 characters
        "1HGCM82633A00435O",  # O is never used
        *fresh,
        *wrong,
    ]
    verdicts = browser_verdicts(cases)
    for vin, verdict in zip(cases, verdicts, strict=True):
        expected = vin_problem(vin)
        assert (verdict is None) == (expected is None), vin
        if verdict and verdict["code"] == "check_digit":
            assert expected == f"check digit (9th character) should be {verdict['expected']}"

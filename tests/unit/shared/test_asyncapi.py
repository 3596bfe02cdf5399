import json
import shutil
import subprocess
from pathlib import Path

from clearway_contracts import asyncapi
from clearway_contracts.events import EVENT_TYPES
from clearway_contracts.events.examples import EXAMPLES
from clearway_contracts.events.topology import PARTICIPANTS, dead_letter_topic
from tests.support.infra import REPO

VALIDATOR = REPO / "scripts" / "asyncapi"


def test_the_committed_asyncapi_document_is_up_to_date() -> None:
    committed = (REPO / "docs" / "asyncapi.json").read_text()
    assert committed == asyncapi.render(), (
        "docs/asyncapi.json is stale: run `make asyncapi` and commit it"
    )


def test_the_document_describes_every_event_type_with_an_example() -> None:
    document = asyncapi.build()
    assert document["asyncapi"] == "3.1.0"
    messages = document["components"]["messages"]
    events = {m["name"]: m for m in messages.values() if m["name"] != "dead_letter"}
    assert set(events) == set(EVENT_TYPES)
    for name, message in events.items():
        (example,) = message["examples"]
        assert example["headers"]["ce_type"] == name
        # The example is what a consumer would accept: it parses as its event's model.
        EVENT_TYPES[name].model_validate(example["payload"])
        assert message["bindings"]["kafka"]["key"]["format"] == "uuid"
    assert {type(e) for e in EXAMPLES} == set(EVENT_TYPES.values())


def test_every_reader_has_a_receive_operation_in_its_own_group_and_a_dead_letter_channel() -> None:
    document = asyncapi.build()
    receives = {
        (name, op["channel"]["$ref"].rsplit("/", 1)[1])
        for name, op in document["operations"].items()
        if op["action"] == "receive"
    }
    expected = {
        (f"{p.name}_receives_from_{topic.split('.')[1]}", topic.replace(".", "_"))
        for p in PARTICIPANTS
        for topic in p.reads
    }
    assert receives == expected
    addresses = {channel["address"] for channel in document["channels"].values()}
    assert {dead_letter_topic(p.name) for p in PARTICIPANTS if p.reads} <= addresses
    group = document["operations"]["release_receives_from_inspection"]["bindings"]["kafka"]
    assert group["groupId"]["enum"] == ["clearway-release"]


def test_the_document_passes_the_asyncapi_parser(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed to validate the AsyncAPI document (scripts/install.sh)"
    assert (VALIDATOR / "node_modules").is_dir(), "run scripts/install.sh: no AsyncAPI parser"
    document = tmp_path / "asyncapi.json"
    document.write_text(asyncapi.render())
    checked = subprocess.run(
        [node, "validate.mjs", str(document)],
        cwd=VALIDATOR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "valid AsyncAPI 3.1.0" in checked.stdout


def test_the_parser_refuses_a_broken_document(tmp_path: Path) -> None:
    # The check above could pass by never checking: an operation on a missing channel fails.
    broken = asyncapi.build()
    broken["operations"]["declaration_publishes"]["channel"] = {"$ref": "#/channels/nowhere"}
    document = tmp_path / "broken.json"
    document.write_text(json.dumps(broken))
    checked = subprocess.run(
        [shutil.which("node") or "node", "validate.mjs", str(document)],
        cwd=VALIDATOR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 1, checked.stdout

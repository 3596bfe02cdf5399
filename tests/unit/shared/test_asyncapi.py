from clearway_contracts import asyncapi
from clearway_contracts.events import EVENT_TYPES
from tests.support.infra import REPO


def test_the_committed_asyncapi_document_is_up_to_date() -> None:
    committed = (REPO / "docs" / "asyncapi.json").read_text()
    assert committed == asyncapi.render(), (
        "docs/asyncapi.json is stale: run `make asyncapi` and commit it"
    )


def test_the_document_describes_every_event_type() -> None:
    document = asyncapi.build()
    assert document["asyncapi"] == "3.0.0"
    names = {m["name"] for m in document["components"]["messages"].values()}
    assert names == set(EVENT_TYPES)

"""The public declaration body and what the declaration service accepts cannot drift apart.

The gateway keeps its own models of the public API (it never imports a service), and the
declaration service its own of the input it accepts; the event payloads are the contract
between them. These tests hold the two copies of a declaration's content to one shape: the
same fields, types and constraints, so the public document promises exactly what the service
accepts.
"""

from typing import Any

import pytest
from pydantic import BaseModel

from clearway_declaration.declarations import schemas as service
from clearway_gateway.declarations import schemas as public

NESTED = ["DeclarantIn", "PartyIn", "TransportIn", "TransitIn", "VehicleIn", "ItemIn", "TotalsIn"]


def shape(schema: Any) -> Any:
    """A JSON Schema without what only documents it (titles, descriptions, examples)."""
    if isinstance(schema, dict):
        return {
            key: shape(value)
            for key, value in schema.items()
            if key not in ("title", "description", "examples")
        }
    if isinstance(schema, list):
        return [shape(value) for value in schema]
    return schema


def fields_of(model: type[BaseModel]) -> tuple[Any, Any, Any]:
    schema = shape(model.model_json_schema())
    return schema["properties"], sorted(schema.get("required", [])), schema.get("$defs", {})


@pytest.mark.parametrize("name", NESTED)
def test_each_part_of_the_content_has_one_shape(name: str) -> None:
    ours: type[BaseModel] = getattr(public, name)
    theirs: type[BaseModel] = getattr(service, name)
    assert shape(ours.model_json_schema()) == shape(theirs.model_json_schema())


def test_the_public_content_is_what_the_service_accepts() -> None:
    properties, required, parts = fields_of(public.ContentIn)
    assert (properties, required, parts) == fields_of(service.ContentIn)


def test_the_public_lodging_is_the_content_plus_the_gateway_s_routing_fields() -> None:
    properties, required, _ = fields_of(public.LodgeDeclaration)
    content, content_required, _ = fields_of(service.ContentIn)
    assert {name: properties[name] for name in content} == content
    assert set(properties) - set(content) == {
        "mode",
        "declaring_office",
        "exit_office",
        "departure_office",
    }
    assert set(content_required) <= set(required)


def test_an_amendment_is_the_same_on_both_sides() -> None:
    assert fields_of(public.Amendment)[:2] == fields_of(service.Amendment)[:2]
    assert fields_of(public.Cancellation)[:2] == fields_of(service.Cancellation)[:2]


def test_what_customs_decides_is_never_asked_of_the_declarant() -> None:
    properties = public.ItemIn.model_json_schema()["properties"]
    assert "dangerous_goods" not in properties
    assert "dangerous_goods" in public.ItemOut.model_json_schema()["properties"]

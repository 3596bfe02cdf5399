"""A stand-in for every service behind the gateway: each call is answered with the worked
example of its operation in the gateway's OpenAPI document, with its success status."""

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Route:
    method: str
    path: re.Pattern[str]
    status: int
    example: Any


class ExampleAnswers:
    def __init__(self, document: dict[str, Any]) -> None:
        self._schemas = document["components"]["schemas"]
        self._routes = [
            self._route(method, template, operation)
            for template, item in document["paths"].items()
            if template.startswith("/v1/")
            for method, operation in item.items()
        ]

    def __call__(self, method: str, path: str) -> tuple[int, Any]:
        for route in self._routes:
            if route.method == method and route.path.fullmatch(path):
                return route.status, route.example
        return 404, {"title": "Not Found", "status": 404}

    def _route(self, method: str, template: str, operation: dict[str, Any]) -> Route:
        status = min(code for code in operation["responses"] if code.startswith("2"))
        schema = operation["responses"][status]["content"]["application/json"]["schema"]
        return Route(
            method.upper(),
            re.compile(re.sub(r"\{[^/]+\}", "[^/]+", template)),
            int(status),
            self._example(schema),
        )

    def _example(self, schema: dict[str, Any]) -> Any:
        if "$ref" in schema:
            return self._example(self._schemas[schema["$ref"].rsplit("/", 1)[1]])
        if schema.get("type") == "array":
            return [self._example(schema["items"])]
        return schema["examples"][0]

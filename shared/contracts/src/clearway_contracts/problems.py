"""RFC 9457 problem details: the one error shape of every Clearway API.

``errors`` lists each field at fault with its reason, as ``{"field": "items[2].vehicle.vin",
"reason": "..."}``, so an ERP integrator can point at the exact input.
"""

from dataclasses import dataclass, field
from typing import Any

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str


@dataclass
class Problem(Exception):
    status: int
    title: str
    detail: str | None = None
    errors: list[FieldError] = field(default_factory=list)
    type: str = "about:blank"
    headers: dict[str, str] = field(default_factory=dict)

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "title": self.title, "status": self.status}
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = [{"field": e.field, "reason": e.reason} for e in self.errors]
        return body


def field_path(location: tuple[int | str, ...] | list[int | str]) -> str:
    """``("body", "items", 2, "vin")`` → ``items[2].vin`` (the request part is dropped)."""
    parts = list(location)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(request)"

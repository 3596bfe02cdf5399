"""Import a manifest: check every row, then lodge its declarations, each under a key derived
from the manifest's Idempotency-Key.

The gateway keeps no state of its own for this: a retry with the same key and file derives the
same declarations and the same keys, and the declaration service answers each from its
idempotency store (ADR 0033). A retry after a failure half-way lodges what is left.
"""

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clearway_gateway.declarations import service as declarations
from clearway_gateway.declarations.schemas import OfficeHours
from clearway_gateway.forwarding.upstream import Reply
from clearway_gateway.manifests.files import ManifestFile
from clearway_gateway.manifests.models import Part, parts_of, row_field
from clearway_gateway.manifests.report import ManifestImport, ManifestPart
from clearway_gateway.offices.models import Office
from clearway_platform.domain_errors import InvalidInput

Lodge = Callable[[bytes, str], Awaitable[Reply]]  # (body, idempotency key) → the service's reply


@dataclass
class PartRefused(Exception):
    """A part was refused after the parts before it were lodged: its answer, and theirs."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def part_key(key: str, part: Part, parts: int) -> str:
    return f"{key}~{part.number}/{parts}"


async def import_manifest(
    *,
    manifest: ManifestFile,
    tenant: str,
    offices: Mapping[str, Office],
    lodge: Lodge,
    idempotency_key: str | None,
    dry_run: bool,
    per_declaration: int,
    at: datetime,
) -> ManifestImport:
    parts = parts_of(manifest, per_declaration=per_declaration)
    header = parts[0].body
    plan = declarations.routing_for(
        request=header.route_request(),
        declarant=header.declarant.customs_code,
        tenant=tenant,
        offices=offices,
    )
    routing = plan.model_dump(mode="json")
    answer = ManifestImport(
        dry_run=dry_run,
        rows=len(manifest.rows),
        consignment_reference=header.consignment_reference,
        replayed=False,
        declarations=[_part(part, routing) for part in parts],
    )
    if dry_run:
        return answer
    if idempotency_key is None:
        raise InvalidInput.at(
            "Idempotency-Key",
            "lodging a manifest needs a key: a retry with it lodges nothing twice",
        )
    for index, part in enumerate(parts):
        body = part.body.model_dump(mode="json", exclude_unset=True)
        body["routing"] = routing
        reply = await lodge(json.dumps(body).encode(), part_key(idempotency_key, part, len(parts)))
        if reply.status != 201:
            raise _refused(reply, part, answer.declarations[:index])
        lodged = json.loads(reply.body)
        answer.declarations[index] = ManifestPart.model_validate(
            answer.declarations[index].model_dump()
            | {
                "id": lodged["id"],
                "customs_number": lodged["customs_number"],
                "status": lodged["status"],
                "replayed": reply.headers.get("Idempotent-Replayed") == "true",
            }
        )
    answer.replayed = all(part.replayed for part in answer.declarations)
    answer.declaring_office_hours = OfficeHours.model_validate(
        declarations.declaring_office_hours(plan=plan, offices=offices, at=at)
    )
    return answer


def _part(part: Part, routing: dict[str, Any]) -> ManifestPart:
    return ManifestPart.model_validate(
        {
            "part": part.number,
            "first_row": part.first_row,
            "last_row": part.last_row,
            "item_count": len(part.body.items),
            "routing": routing,
        }
    )


def _refused(reply: Reply, part: Part, lodged: list[ManifestPart]) -> PartRefused:
    """The service's answer for ``part``, its fields named as the manifest's, and the parts
    lodged before it (a retry with the same key skips them)."""
    try:
        body: dict[str, Any] = json.loads(reply.body)
    except ValueError:
        body = {"title": "Bad Gateway", "status": reply.status, "detail": reply.body.decode()}
    offset = part.first_row - 1
    for error in body.get("errors") or []:
        if isinstance(error, dict) and isinstance(error.get("field"), str):
            error["field"] = row_field(error["field"], offset)
    body["detail"] = f"part {part.number} (rows {part.first_row}-{part.last_row}): " + str(
        body.get("detail", body.get("title", ""))
    )
    body["lodged"] = [item.model_dump(mode="json") for item in lodged]
    return PartRefused(reply.status, body, dict(reply.headers))

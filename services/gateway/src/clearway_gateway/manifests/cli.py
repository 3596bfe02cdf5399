"""``python -m clearway_gateway manifest import FILE --key KEY``: an ERP's manifest, lodged
through the gateway's public API like any other client, with progress, a summary table and a
machine-readable report.

Exit codes: 0 lodged (or checked, with --dry-run); 1 refused (every fault is listed);
2 a usage or file problem; 3 the gateway unreachable or failing.
"""

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from clearway_gateway.manifests import files
from clearway_platform.domain_errors import InvalidInput

KINDS = {".csv": files.CSV, ".xlsx": files.XLSX}
CHUNK = 16 * 1024
OK, REFUSED, USAGE, UNAVAILABLE = 0, 1, 2, 3


@dataclass(frozen=True)
class Outcome:
    status: int
    body: dict[str, Any]
    replayed: bool


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m clearway_gateway manifest")
    actions = main.add_subparsers(dest="action", required=True)
    run = actions.add_parser(
        "import",
        help="lodge a whole train or convoy from a CSV or XLSX manifest (docs/manifests.md)",
    )
    run.add_argument("file", type=Path, help="the manifest: .csv or .xlsx")
    run.add_argument(
        "--key", required=True, help="Idempotency-Key: run again with it to retry safely"
    )
    run.add_argument(
        "--gateway",
        default=os.environ.get("CLEARWAY_GATEWAY_URL", "http://127.0.0.1:8000"),
        help="the gateway's URL (env CLEARWAY_GATEWAY_URL; default %(default)s)",
    )
    who = run.add_mutually_exclusive_group()
    who.add_argument("--api-key", help="a forwarder's API key (env CLEARWAY_API_KEY)")
    who.add_argument("--token", help="a bearer token instead (env CLEARWAY_TOKEN)")
    run.add_argument("--dry-run", action="store_true", help="check every row; lodge nothing")
    run.add_argument("--items-per-declaration", type=int, help="split longer manifests (1 to 1000)")
    run.add_argument("--report", type=Path, help="write the machine-readable report here")
    run.add_argument("--timeout", type=float, default=300, help="seconds (default 300)")
    return main


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv)[1:])  # argv[0] is "manifest"
    err = Console(stderr=True)
    credentials = _credentials(args)
    if credentials is None:
        err.print("[red]no credentials:[/] give --api-key or --token (or CLEARWAY_API_KEY)")
        return USAGE
    try:
        content, kind, rows = _read(args.file)
    except (OSError, ValueError, InvalidInput) as exc:
        err.print(f"[red]{args.file}:[/] {_why(exc)}")
        return USAGE
    started = time.perf_counter()
    try:
        outcome = asyncio.run(_send(args, credentials, content, kind, err))
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        err.print(
            f"[red]cannot reach the gateway at {args.gateway}:[/] {exc or type(exc).__name__}"
        )
        _report(args, {"ok": False, "error": f"unreachable: {exc}", "rows": rows})
        return UNAVAILABLE
    elapsed = time.perf_counter() - started
    ok = outcome.status in (200, 201)
    _report(
        args,
        {
            "ok": ok,
            "status": outcome.status,
            "file": str(args.file),
            "rows": rows,
            "seconds": round(elapsed, 3),
            "answer": outcome.body,
        },
    )
    out = Console()
    if ok:
        out.print(_summary(outcome.body))
        verb = "checked" if args.dry_run else ("replayed" if outcome.replayed else "lodged")
        out.print(f"{rows} vehicles {verb} in {elapsed:.2f} s")
        return OK
    title, detail = outcome.body.get("title", ""), outcome.body.get("detail", "")
    err.print(f"[red]{outcome.status} {title}:[/] {detail}")
    if outcome.body.get("errors"):
        err.print(_faults(outcome.body["errors"]))
    for part in outcome.body.get("lodged") or []:
        err.print(
            f"part {part['part']} was lodged as {part['customs_number']}; retry with the same --key"
        )
    return UNAVAILABLE if outcome.status >= 500 else REFUSED


def _credentials(args: argparse.Namespace) -> dict[str, str] | None:
    if api_key := args.api_key or (None if args.token else os.environ.get("CLEARWAY_API_KEY")):
        return {"X-API-Key": api_key}
    if token := args.token or os.environ.get("CLEARWAY_TOKEN"):
        return {"Authorization": f"Bearer {token}"}
    return None


def _read(path: Path) -> tuple[bytes, str, int]:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"a manifest is a .csv or .xlsx file, not {path.suffix or 'no suffix'}")
    content = path.read_bytes()
    return content, kind, len(files.read(content, kind).rows)


def _why(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, InvalidInput):
        return "; ".join(f"{v.field}: {v.reason}" for v in exc.violations) or exc.detail
    return str(exc)


async def _send(
    args: argparse.Namespace, credentials: dict[str, str], content: bytes, kind: str, err: Console
) -> Outcome:
    params: dict[str, str] = {"dry_run": "true"} if args.dry_run else {}
    if args.items_per_declaration:
        params["items_per_declaration"] = str(args.items_per_declaration)
    headers = credentials | {"Content-Type": kind, "Idempotency-Key": args.key}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        console=err,
        transient=True,
    ) as progress:
        upload = progress.add_task("uploading", total=len(content))

        async def chunks() -> AsyncIterator[bytes]:
            for start in range(0, len(content), CHUNK):
                yield content[start : start + CHUNK]
                progress.advance(upload, min(CHUNK, len(content) - start))
            progress.update(upload, description="checking and lodging")

        timeout = aiohttp.ClientTimeout(total=args.timeout, connect=10)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(
                f"{args.gateway.rstrip('/')}/v1/manifests",
                params=params,
                data=chunks(),
                headers=headers,
            ) as response,
        ):
            text = await response.text()
    try:
        body = json.loads(text)
    except ValueError:
        body = {"title": response.reason or "", "detail": text[:500]}
    return Outcome(response.status, body, response.headers.get("Idempotent-Replayed") == "true")


def _summary(answer: dict[str, Any]) -> Table:
    title = answer.get("consignment_reference") or "manifest"
    table = Table(
        title=f"{title}: {answer['rows']} vehicles" + (" (dry run)" if answer["dry_run"] else "")
    )
    for column in ("part", "rows", "items", "customs number", "status", "route"):
        table.add_column(column)
    for part in answer["declarations"]:
        routing = part["routing"]
        table.add_row(
            str(part["part"]),
            f"{part['first_row']}-{part['last_row']}",
            str(part["item_count"]),
            part.get("customs_number") or "-",
            (part.get("status") or "-") + (" (replayed)" if part.get("replayed") else ""),
            f"{routing['declaring_office']} → {routing['exit_office']}",
        )
    return table


def _faults(errors: list[dict[str, str]]) -> Table:
    table = Table(title=f"{len(errors)} fault(s)")
    table.add_column("where")
    table.add_column("why")
    for error in errors:
        table.add_row(error.get("field", ""), error.get("reason", ""))
    return table


def _report(args: argparse.Namespace, report: dict[str, Any]) -> None:
    if args.report is not None:
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(run(sys.argv))

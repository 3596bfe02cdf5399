"""Command line: python -m clearway_infra up | down | status | fetch-kafka | run."""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from clearway_infra.errors import InfraError
from clearway_infra.kafka import DEFAULT_VERSION, default_version
from clearway_infra.kafka_jars import ensure_jars
from clearway_infra.stack import DEFAULT_STATE_DIR, LocalStack, default_cache_dir
from clearway_infra.system import run

EXIT_FAILED = 1
EXIT_NOT_RUNNING = 3
DEFAULT_VERSION_HELP = f"default: $KAFKA_VERSION or {DEFAULT_VERSION}"


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    cli = argparse.ArgumentParser(
        prog="python -m clearway_infra",
        description="Run Clearway's local PostgreSQL and Kafka (no Docker needed).",
    )
    cli.add_argument(
        "--state-dir", type=Path, default=DEFAULT_STATE_DIR,
        help=f"data, logs and state.json (default {DEFAULT_STATE_DIR})",
    )  # fmt: skip
    commands = cli.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start PostgreSQL and Kafka (idempotent)")
    up.add_argument("--databases", default="", help="comma-separated databases to create")
    up.add_argument("--kafka-version", default=None, help=DEFAULT_VERSION_HELP)
    up.add_argument("--fast", action="store_true", help="PostgreSQL without fsync (throwaway data)")
    commands.add_parser("down", help="stop both servers")
    status = commands.add_parser("status", help="show ports, pids and URLs; exit 3 if not running")
    status.add_argument("--json", action="store_true", help="print state as JSON")
    commands.add_parser(
        "run", help="the whole system: infrastructure, migrations, services, demo data"
    )
    fetch = commands.add_parser("fetch-kafka", help="fetch the Kafka broker jars into the cache")
    fetch.add_argument("--version", default=None, help=DEFAULT_VERSION_HELP)
    return cli


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    try:
        if args.command == "up":
            stack = LocalStack(args.state_dir, kafka_version=args.kafka_version)
            databases = [name.strip() for name in args.databases.split(",") if name.strip()]
            print_status(stack.up(databases, fast=args.fast))
            return 0
        if args.command == "run":
            return run(args.state_dir)
        if args.command == "down":
            LocalStack(args.state_dir).down()
            print("stopped")
            return 0
        if args.command == "status":
            state = LocalStack(args.state_dir).status()
            if args.json:
                print(json.dumps(state, indent=2))
            else:
                print_status(state)
            return 0 if all_running(state) else EXIT_NOT_RUNNING
        version = args.version or default_version()
        print(ensure_jars(default_cache_dir(), version))
        return 0
    except InfraError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED


def all_running(state: dict[str, Any]) -> bool:
    """Tell whether both servers of a status() are running."""
    return all(state[name] and state[name]["running"] for name in ("postgres", "kafka"))


def print_status(state: dict[str, Any]) -> None:
    """Print a status() for people."""
    postgres, kafka = state["postgres"], state["kafka"]
    if postgres is None and kafka is None:
        print(f"nothing started yet in {state['state_dir']}")
        return
    if postgres is not None:
        running = "running" if postgres["running"] else "stopped"
        print(f"PostgreSQL ({running}): {postgres['dsn']}")
        for name, url in postgres["databases"].items():
            print(f"  {name}: {url}")
    if kafka is not None:
        running = "running" if kafka["running"] else "stopped"
        print(
            f"Kafka {kafka['version']} ({running}): bootstrap servers {kafka['bootstrap_servers']}"
        )
        print(f"  SASL/SCRAM-SHA-512 passwords (admin, per service): {kafka['credentials']}")


if __name__ == "__main__":
    sys.exit(main())

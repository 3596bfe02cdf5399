"""The command line every service shares:
``python -m clearway_<service> serve|migrate|seed|dlq``."""

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Coroutine, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, get_args

import uvicorn

from clearway_platform import dlq
from clearway_platform.migrations import upgrade
from clearway_platform.profile import UnsafeSettings
from clearway_platform.settings import Role, ServiceSettings

ROLES = ("api", "relay", "consumer", "worker")  # what `serve` runs unless told otherwise
KNOWN_ROLES = get_args(Role)
S = TypeVar("S", bound=ServiceSettings)


def main(
    *,
    service: str,
    settings_factory: Callable[[], S],
    app_factory: str,
    migrations_dir: Path,
    seed: Callable[[S], Coroutine[Any, Any, None]] | None = None,
    argv: Sequence[str] | None = None,
    commands_of_its_own: Mapping[str, tuple[str, Callable[[list[str]], int]]] | None = None,
) -> int:
    """``serve``, ``migrate``, ``seed``, and the service's ``commands_of_its_own`` (name: help
    and what runs it, given the whole argv): ``--help`` lists them all."""
    parser = argparse.ArgumentParser(prog=f"python -m clearway_{service}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the HTTP API and background parts")
    serve.add_argument(
        "--roles",
        default=",".join(ROLES),
        help=f"comma-separated parts to run in this process, of {', '.join(KNOWN_ROLES)}",
    )
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    commands.add_parser("migrate", help="upgrade the service database to the latest schema")
    commands.add_parser("seed", help="load the demo reference data (idempotent)")
    _dlq_parser(commands)
    own = dict(commands_of_its_own or {})
    for name, (summary, _) in own.items():
        commands.add_parser(name, help=summary, add_help=False)  # listed; parsed by its own
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] and arguments[0] in own:
        return own[arguments[0]][1](arguments)
    args = parser.parse_args(arguments)

    if args.command == "serve":
        roles = [role.strip() for role in args.roles.split(",") if role.strip()]
        unknown = sorted(set(roles) - set(KNOWN_ROLES))
        if unknown:
            choices = ", ".join(KNOWN_ROLES)
            parser.error(f"unknown role(s) {', '.join(unknown)}; choose from {choices}")
        settings = settings_factory().model_copy(update={"roles": set(roles)})
        try:
            settings.check_secrets()
        except UnsafeSettings as exc:
            print(f"{service}: {exc}", file=sys.stderr)
            return 2
        # uvicorn's factory builds the app from the environment: the roles travel there.
        env_prefix = settings.model_config.get("env_prefix", "")
        os.environ[f"{env_prefix}ROLES"] = json.dumps(roles)
        uvicorn.run(
            app_factory,
            factory=True,
            host=args.host or settings.host,
            port=args.port or settings.port,
            loop="uvloop",
            http="httptools",
            access_log=False,
            log_config=None,
            server_header=False,  # which server and version we run is no client's business
            timeout_graceful_shutdown=20,
        )
        return 0
    settings = settings_factory()
    if args.command == "dlq":
        return dlq.command(settings, args)
    try:
        if args.command == "migrate":
            upgrade(database_url=settings.database_url, migrations_dir=migrations_dir)
            print(f"{service}: database migrated")
        elif seed is None:
            print(f"{service}: no reference data to load")
        else:
            asyncio.run(seed(settings))
            print(f"{service}: reference data loaded")
    except OSError as exc:
        print(
            f"{service}: cannot reach the database at {settings.database_url}: {exc}",
            file=sys.stderr,
        )
        return 2
    return 0


def _dlq_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "dlq",
        help="list, show or replay this service's dead letters (clearway.<service>.dlq)",
        description="Runs as the Kafka principal of <SERVICE>_KAFKA_USERNAME/_PASSWORD, which "
        "must be allowed to read the .dlq topic and write the topics replayed to (the admin "
        "user: a service's own principal is not, on purpose).",
    )
    actions = parser.add_subparsers(dest="dlq_command", required=True)
    listing = actions.add_parser("list", help="every dead letter: position, event, reason")
    listing.add_argument("--json", action="store_true", help="as a JSON list")
    show = actions.add_parser("show", help="one dead letter whole: headers, data, reason")
    show.add_argument("id", help="its event id, or its partition:offset on the .dlq topic")
    replay = actions.add_parser(
        "replay", help="send dead letters back to their topic, same event id (idempotent)"
    )
    replay.add_argument("id", nargs="?", help="an event id, or a partition:offset")
    replay.add_argument("--all", action="store_true", help="every dead letter on the topic")

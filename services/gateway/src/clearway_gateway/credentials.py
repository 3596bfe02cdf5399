"""``python -m clearway_gateway keys ...`` and ``tokens issue``: manage credentials."""

import argparse
import asyncio
import sys
from collections.abc import Sequence
from datetime import timedelta

from clearway_gateway.auth import service
from clearway_gateway.auth.tokens import SCOPE_CLAIMS, TokenError, issue_token
from clearway_gateway.settings import Settings
from clearway_platform.clock import system_clock
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.domain_errors import DomainError
from clearway_platform.uow import UnitOfWork


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m clearway_gateway")
    commands = main.add_subparsers(dest="command", required=True)

    keys = commands.add_parser("keys", help="forwarders' API keys").add_subparsers(
        dest="action", required=True
    )
    create = keys.add_parser("create", help="a new key for a declarant (printed once)")
    create.add_argument(
        "--declarant", required=True, help="the declarant's 10-character customs code"
    )
    create.add_argument("--label", default="erp", help="what the key is for, e.g. 'erp-prod'")
    listing = keys.add_parser("list", help="keys and whether they are active")
    listing.add_argument("--declarant")
    revoke = keys.add_parser("revoke", help="stop a key now")
    revoke.add_argument("key_id")
    rotate = keys.add_parser("rotate", help="replace a key: the old one stops now")
    rotate.add_argument("key_id")

    tokens = commands.add_parser("tokens", help="JWT bearer tokens").add_subparsers(
        dest="action", required=True
    )
    issue = tokens.add_parser("issue", help="a token for an inspector, officer or admin")
    issue.add_argument("--role", required=True, choices=sorted(SCOPE_CLAIMS))
    issue.add_argument("--subject", help="who (default: the role)")
    issue.add_argument("--office", help="customs office code (inspector, officer)")
    issue.add_argument("--site", help="inspection site id (inspector)")
    issue.add_argument("--minutes", type=int, help="lifetime (default from settings)")
    return main


def run(argv: Sequence[str], settings: Settings | None = None) -> int:
    args = parser().parse_args(argv)
    settings = settings or Settings()
    try:
        if args.command == "tokens":
            print(token(args, settings))
        else:
            asyncio.run(_keys(args, settings))
    except (DomainError, TokenError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"error: cannot reach the database at {settings.database_url}: {exc}", file=sys.stderr
        )
        return 2
    return 0


def token(args: argparse.Namespace, settings: Settings) -> str:
    minutes = args.minutes or settings.token_lifetime_minutes
    return issue_token(
        keys=settings.token_keys(),
        subject=args.subject or args.role,
        role=args.role,
        office=args.office,
        site=args.site,
        now=system_clock(),
        lifetime=timedelta(minutes=minutes),
    )


async def _keys(args: argparse.Namespace, settings: Settings) -> None:
    engine = create_engine(settings.database_url, pool_size=1)
    uow = UnitOfWork(create_session_factory(engine), source=settings.event_source)
    try:
        if args.action == "create":
            issued = await service.create_key(uow=uow, declarant=args.declarant, label=args.label)
            print(f"key {issued.key_id} for {issued.declarant} (shown once, keep it safe):")
            print(issued.secret)
        elif args.action == "list":
            for key in await service.list_keys(uow=uow, declarant=args.declarant):
                state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
                print(f"{key.key_id}  {key.declarant}  {key.label:<16} {state}")
        elif args.action == "revoke":
            revoked = await service.revoke_key(uow=uow, key_id=args.key_id)
            print(f"key {revoked.key_id} of {revoked.declarant} revoked")
        elif args.action == "rotate":
            issued = await service.rotate_key(uow=uow, key_id=args.key_id)
            print(f"key {args.key_id} revoked; its replacement {issued.key_id} (shown once):")
            print(issued.secret)
    finally:
        await engine.dispose()

"""``python -m clearway_gateway serve|migrate|seed|keys|tokens|statistics rebuild``."""

import sys
from pathlib import Path

from clearway_gateway import credentials
from clearway_gateway.seed import seed
from clearway_gateway.settings import Settings
from clearway_gateway.statistics import rebuild
from clearway_platform.cli import main

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def run(argv: list[str]) -> int:
    if argv[:1] in (["keys"], ["tokens"]):
        return credentials.run(argv)
    if argv[:1] == ["statistics"]:
        return rebuild.run(argv)
    return main(
        service="gateway",
        settings_factory=Settings,
        app_factory="clearway_gateway.app:create_app",
        migrations_dir=MIGRATIONS,
        seed=seed,
        argv=argv,
    )


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))

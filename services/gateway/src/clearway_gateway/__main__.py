"""``python -m clearway_gateway serve|migrate|seed|keys|tokens|statistics|manifest|dlq``."""

import sys
from pathlib import Path

from clearway_gateway import credentials
from clearway_gateway.manifests import cli as manifests_cli
from clearway_gateway.seed import seed
from clearway_gateway.settings import Settings
from clearway_gateway.statistics import rebuild
from clearway_platform.cli import main

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def run(argv: list[str]) -> int:
    return main(
        service="gateway",
        settings_factory=Settings,
        app_factory="clearway_gateway.app:create_app",
        migrations_dir=MIGRATIONS,
        seed=seed,
        argv=argv,
        commands_of_its_own={
            "keys": ("forwarders' API keys: create, list, revoke, rotate", credentials.run),
            "tokens": ("bearer tokens for inspectors, officers and admins: issue", credentials.run),
            "statistics": ("the statistics read model: rebuild it from Kafka", rebuild.run),
            "manifest": (
                "import a whole train or convoy from a CSV or XLSX manifest",
                manifests_cli.run,
            ),
        },
    )


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))

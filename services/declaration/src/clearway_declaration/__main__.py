"""``python -m clearway_declaration serve|migrate|seed``."""

import sys
from pathlib import Path

from clearway_declaration.seed import seed
from clearway_declaration.settings import Settings
from clearway_platform.cli import main

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    sys.exit(
        main(
            service="declaration",
            settings_factory=Settings,
            app_factory="clearway_declaration.app:create_app",
            migrations_dir=MIGRATIONS,
            seed=seed,
        )
    )

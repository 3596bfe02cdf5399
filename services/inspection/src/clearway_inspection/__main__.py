"""``python -m clearway_inspection serve|migrate|seed``."""

import sys
from pathlib import Path

from clearway_inspection.seed import seed
from clearway_inspection.settings import Settings
from clearway_platform.cli import main

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

if __name__ == "__main__":
    sys.exit(
        main(
            service="inspection",
            settings_factory=Settings,
            app_factory="clearway_inspection.app:create_app",
            migrations_dir=MIGRATIONS,
            seed=seed,
        )
    )

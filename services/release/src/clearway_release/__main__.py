"""``python -m clearway_release serve|migrate``."""

import sys
from pathlib import Path

from clearway_platform.cli import main
from clearway_release.settings import Settings

if __name__ == "__main__":
    sys.exit(
        main(
            service="release",
            settings_factory=Settings,
            app_factory="clearway_release.app:create_app",
            migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
        )
    )

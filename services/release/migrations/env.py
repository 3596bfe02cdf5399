from clearway_platform.migrations import run_env
from clearway_release.db import metadata

run_env(metadata)

from clearway_release.db import metadata
from clearway_shared.migrations import run_env

run_env(metadata)

from clearway_inspection.db import metadata
from clearway_platform.migrations import run_env

run_env(metadata)

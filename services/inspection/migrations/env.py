from clearway_inspection.db import metadata
from clearway_shared.migrations import run_env

run_env(metadata)

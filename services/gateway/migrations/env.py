from clearway_gateway.db import metadata
from clearway_shared.migrations import run_env

run_env(metadata)

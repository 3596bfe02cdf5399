#!/usr/bin/env bash
# Installs everything Clearway needs on a fresh machine, and is quick when all is there:
# uv (from PyPI, into ~/.local), the locked Python packages, and the Kafka broker jars.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "install: '$1' is required: $2" >&2; exit 1; }; }
need python3.11 "Python 3.11" 2>/dev/null || need python3 "Python 3.11"
need java "OpenJDK 17 or newer (for the Kafka broker)"
need mvn "Maven (fetches the Kafka broker jars from Maven Central)"
[ -x /usr/lib/postgresql/15/bin/postgres ] || command -v pg_ctl >/dev/null \
  || { echo "install: PostgreSQL 15 server binaries are required (apt-get install postgresql-15)" >&2; exit 1; }

if ! command -v uv >/dev/null 2>&1 && [ ! -x "$HOME/.local/bin/uv" ]; then
  echo "install: installing uv from PyPI"
  python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv
fi
UV=$(command -v uv 2>/dev/null || echo "$HOME/.local/bin/uv")

# The machine's own Python 3.11; uv never downloads an interpreter.
UV_PYTHON_DOWNLOADS=never "$UV" sync --frozen --quiet --python "$(command -v python3.11 || command -v python3)"
"$UV" run --frozen python -m clearway_infra fetch-kafka >/dev/null  # the default, 4.3.1
"$UV" run --frozen python -m clearway_infra fetch-kafka --version 3.9.1 >/dev/null  # the oldest we claim

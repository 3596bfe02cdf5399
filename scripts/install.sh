#!/usr/bin/env bash
# Installs everything Clearway needs on a fresh machine, and is quick when all is there:
# uv (from PyPI, into ~/.local), the locked Python packages, the Kafka broker jars, the
# browser apps' libraries (npm) and, for the browser tests, Debian's Chromium.
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

# --- The browser apps (people): their libraries from npm, locked by package-lock.json --------
# The gateway serves the inspector's tablet app, the officer's console and the API docs page
# with these (services/gateway/web/node_modules); nothing is fetched at run time. Scripts are
# not run: none of these packages needs one. Skipped when node_modules matches the lock file.
npm_ci() {  # npm ci in $1 unless its node_modules already matches its lock file
  need npm "Node.js 20+ with npm (the browser apps' and the AsyncAPI check's libraries come from npm)"
  local dir=$1 stamp=$1/node_modules/.clearway-lock
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return; fi
  echo "install: $2 (npm ci in $dir)"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}
install_web_libraries() { npm_ci services/gateway/web "the browser apps' libraries"; }
# The AsyncAPI parser that `asyncapi validate` runs, for the test that validates docs/asyncapi.json.
install_asyncapi_parser() { npm_ci scripts/asyncapi "the AsyncAPI parser"; }

# --- Browser tests (people): Debian's Chromium, which Playwright drives ----------------------
# Playwright cannot download its own browser here; the tests use /usr/bin/chromium and a CJK
# font so that screenshots of the Chinese screens show characters. As root (CI) it is installed;
# otherwise say how, and the browser tests will fail until it is there.
install_browser_for_tests() {
  if [ -x /usr/bin/chromium ] && fc-list ':lang=zh' 2>/dev/null | grep -q .; then return; fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "install: the browser tests need Debian's chromium and a Chinese font:" \
         "sudo apt-get install chromium fonts-wqy-microhei" >&2
    return
  fi
  echo "install: Debian's chromium and a Chinese font, for the browser tests"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
}

install_web_libraries
install_asyncapi_parser
install_browser_for_tests

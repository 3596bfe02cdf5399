#!/usr/bin/env bash
# Fresh credentials for the dev overlay, into secrets/ beside this script (git-ignored, mode
# 700). A file that exists is kept, so running it again changes nothing; delete secrets/ to
# start over. deploy/k8s/deploy.sh runs it before rendering the overlay. Needs openssl >= 1.1.1.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"
umask 077

# generate NAME COMMAND...: write COMMAND's output to secrets/NAME unless it is there already.
generate() {
  local file="$dir/$1"
  shift
  if [[ ! -s "$file" ]]; then
    "$@" >"$file.new"
    mv "$file.new" "$file"
    echo "generated secrets/${file##*/}" >&2  # stdout is the rendered manifests
  fi
}
# No trailing newline: kustomize would keep it in the value (and in the database URL).
random_hex() { printf %s "$(openssl rand -hex "$1")"; }

for svc in gateway declaration inspection release; do
  generate "db-$svc-password" random_hex 24
done
generate jwt-secret random_hex 32
generate internal-signing-key.pem openssl genpkey -algorithm ed25519
generate gateway-public-keys.pem openssl pkey -in "$dir/internal-signing-key.pem" -pubout

#!/usr/bin/env bash
# Builds a real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler) and kwok, the fake kubelet, from the Go module proxy into
# .local/cache/k8s/bin, for the test that applies deploy/k8s to a real API server.
# The first build takes 15-30 minutes on two cores (then the Go caches are removed, the
# ~370 MB of binaries kept); afterwards it is a no-op.
# (k8s.io/kubernetes cannot be `go install`ed: its go.mod replaces the staging modules with
# ./staging paths, so a wrapper module pins each staging module to its published v0.x tag.)
set -euo pipefail
cd "$(dirname "$0")/.."

K8S_VERSION=${K8S_VERSION:-1.34.4}
KWOK_VERSION=${KWOK_VERSION:-v0.7.0}
CACHE=$PWD/.local/cache/k8s
BIN=$CACHE/bin-$K8S_VERSION
export GOPATH=$CACHE/gopath GOCACHE=$CACHE/gocache GOFLAGS=-modcacherw GOTOOLCHAIN=local

want=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
missing=0
for b in "${want[@]}"; do [ -x "$BIN/$b" ] || missing=1; done
[ $missing = 0 ] && { echo "$BIN"; exit 0; }

command -v go >/dev/null || { echo "control-plane: Go is required (apt-get install golang)" >&2; exit 1; }
mkdir -p "$BIN" "$CACHE/module"
mod=$CACHE/module
step() { echo "control-plane: $* ($(date -u +%T))" >&2; }

if [ ! -f "$mod/go.sum" ] || ! grep -q "k8s.io/kubernetes v$K8S_VERSION " "$mod/go.mod"; then
  step "resolving k8s.io/kubernetes v$K8S_VERSION"
  rm -f "$mod/go.mod" "$mod/go.sum"
  (cd "$mod" && go mod init clearway.local/controlplane >/dev/null 2>&1)
  cat > "$mod/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
  gomod=$(cd "$mod" && go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["GoMod"])')
  (cd "$mod" && go mod edit -require "k8s.io/kubernetes@v$K8S_VERSION")
  # Every "k8s.io/x => ./staging/src/k8s.io/x" becomes "k8s.io/x => k8s.io/x v0.<minor>.<patch>".
  for m in $(awk '/=> .\/staging\//{print $1}' "$gomod"); do
    (cd "$mod" && go mod edit -replace "$m=$m@v0.${K8S_VERSION#1.}")
  done
  etcd=$(awk '$1=="go.etcd.io/etcd/client/v3"{print $2; exit}' "$gomod")
  (cd "$mod" && go mod edit -require "go.etcd.io/etcd/server/v3@$etcd")
  step "go mod tidy"
  (cd "$mod" && go mod tidy -e >/dev/null)
fi

ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION"
for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
  [ -x "$BIN/$cmd" ] && continue
  step "building $cmd"
  (cd "$mod" && go build -tags tools -ldflags "$ldflags" -o "$BIN/$cmd" "k8s.io/kubernetes/cmd/$cmd")
done
if [ ! -x "$BIN/etcd" ]; then
  step "building etcd"
  (cd "$mod" && go build -ldflags "-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3)
fi
if [ ! -x "$BIN/kwok" ]; then
  step "building kwok $KWOK_VERSION"
  GOBIN=$BIN go install -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
fi
# The binaries are all a test needs: the module and build caches (about 4.5 GB) go.
rm -rf "$GOPATH" "$GOCACHE"
echo "$BIN"

#!/usr/bin/env bash
# Build the Kubernetes control plane the Kubernetes test runs (tests/k8s): etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler (this folder's wrapper module, from
# the Go module proxy), kwok (the fake kubelet) and promtool (checks the alert rules), into
# .local/k8s/bin. The module and build
# caches live under .local/go, so a warm machine skips everything (a stamp names the versions).
# Cold: ~15-25 min on two busy cores; warm: nothing to do. Needs Go >= 1.22 on PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
K8S_VERSION=v1.31.4
KWOK_VERSION=v0.7.0
PROMETHEUS_VERSION=v0.316.0  # the Go module version of Prometheus 3.x
bin="$root/.local/k8s/bin"
stamp="$bin/.built-$K8S_VERSION-$KWOK_VERSION-$PROMETHEUS_VERSION"
[[ -f "$stamp" ]] && exit 0

export GOPATH="$root/.local/go" GOCACHE="$root/.local/go/cache" GOMODCACHE="$root/.local/go/mod"
export GOFLAGS="-buildvcs=false -mod=mod" CGO_ENABLED=0
mkdir -p "$bin"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=31"
cd "$here"
start=$SECONDS
for cmd in k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler go.etcd.io/etcd/server/v3; do
  name=${cmd##*/}
  [[ $name == v3 ]] && name=etcd
  if [[ ! -x "$bin/$name" ]]; then
    echo "building $name (Kubernetes $K8S_VERSION) ..." >&2
    nice -n 10 go build -trimpath -ldflags "$ldflags" -o "$bin/$name.new" "$cmd"
    mv "$bin/$name.new" "$bin/$name"
  fi
done
if [[ ! -x "$bin/kwok" ]]; then
  echo "building kwok $KWOK_VERSION ..." >&2
  GOBIN="$bin" nice -n 10 go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
fi
if [[ ! -x "$bin/promtool" ]]; then
  echo "building promtool ($PROMETHEUS_VERSION) ..." >&2
  GOBIN="$bin" nice -n 10 go install -trimpath -ldflags "-s -w" \
    "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION"
fi
touch "$stamp"
echo "control plane built in $((SECONDS - start)) s" >&2

#!/usr/bin/env bash
# Deploy a Clearway overlay in the order the expand-contract discipline needs:
#
#   1. platform: namespace, config, Secrets (dev), NetworkPolicies, Kafka, topics, Kafka users
#      (and their Secrets), PostgreSQL, databases; wait until all of them are ready;
#   2. migrations: this release's Jobs (one per service, named after the image tag); wait
#      until every one has succeeded, stop if one fails;
#   3. rollout: every Deployment, Service, autoscaler and the Ingress; wait for the rollouts.
#
# Usage: deploy/k8s/deploy.sh deploy/k8s/overlays/<dev|production> [kubectl flags, e.g. --context prod]
# Needs kubectl >= 1.27 (built-in kustomize) and the Strimzi, CloudNativePG and KEDA operators.
set -euo pipefail

overlay=${1:?usage: deploy.sh <overlay dir> [kubectl flags]}
shift
kc=(kubectl "$@")
ns=clearway
timeout=${CLEARWAY_DEPLOY_TIMEOUT:-900s}

# An overlay that generates its own credentials (dev) makes them first; kept between runs.
if [[ -x "$overlay/generate-secrets.sh" ]]; then
  "$overlay/generate-secrets.sh"
fi

rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$overlay" >"$rendered"

# Selectors on app.kubernetes.io/component ("notin" also matches objects without the label,
# i.e. the platform resources).
platform='app.kubernetes.io/component notin (api,relay,consumer,worker,migration)'
migrations='app.kubernetes.io/component=migration'

echo "== 1/3 platform"
"${kc[@]}" apply -f "$rendered" -l "$platform"
"${kc[@]}" -n "$ns" wait kafka/clearway --for=condition=Ready --timeout="$timeout"
# The services' Kafka passwords: Secrets the User Operator creates for the KafkaUsers.
"${kc[@]}" -n "$ns" wait kafkauser --all --for=condition=Ready --timeout="$timeout"
"${kc[@]}" -n "$ns" wait cluster.postgresql.cnpg.io/clearway-pg --for=condition=Ready --timeout="$timeout"
"${kc[@]}" -n "$ns" wait database.postgresql.cnpg.io --all --for=jsonpath='{.status.applied}'=true --timeout="$timeout"

echo "== 2/3 migrations"
mapfile -t jobs < <("${kc[@]}" apply -f "$rendered" -l "$migrations" -o name)
deadline=$((SECONDS + ${timeout%s}))
for job in "${jobs[@]}"; do
  while :; do
    status=$("${kc[@]}" -n "$ns" get "$job" -o jsonpath='{.status.succeeded}/{.status.failed}')
    succeeded=${status%/*} failed=${status#*/}
    if [[ ${succeeded:-0} -ge 1 ]]; then
      echo "$job succeeded"
      break
    fi
    if "${kc[@]}" -n "$ns" get "$job" -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}' | grep -q True; then
      echo "$job FAILED (${failed:-0} attempts); nothing was rolled out. Logs:" >&2
      "${kc[@]}" -n "$ns" logs "$job" --all-containers --tail=50 >&2 || true
      exit 1
    fi
    if ((SECONDS > deadline)); then
      echo "$job did not finish within $timeout; nothing was rolled out" >&2
      exit 1
    fi
    sleep 3
  done
done

echo "== 3/3 rollout"
"${kc[@]}" apply -f "$rendered"
for deploy in $("${kc[@]}" -n "$ns" get deployments -l 'app.kubernetes.io/component in (api,relay,consumer,worker)' -o name); do
  "${kc[@]}" -n "$ns" rollout status "$deploy" --timeout="$timeout"
done
echo "deployed $overlay"

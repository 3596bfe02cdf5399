#!/usr/bin/env bash
# Deploy a Clearway overlay in the order the expand-contract discipline needs:
#
#   1. platform: namespace, config, Secrets (dev), NetworkPolicies, Kafka, topics, Kafka users
#      (and their Secrets), PostgreSQL, databases; wait until all of them are ready;
#   2. migrations: this release's Jobs (one per service, named after the image tag); wait
#      until every one has succeeded, stop if one fails;
#   3. rollout: every Deployment, Service, autoscaler and the Ingress; wait for the rollouts.
#
# Usage: [CLEARWAY_IMAGE_TAG=<tag>] deploy/k8s/deploy.sh deploy/k8s/overlays/<dev|production> [kubectl flags, e.g. --context prod]
#        deploy/k8s/deploy.sh --render <overlay dir>     print what would be applied, apply nothing
# Needs kubectl >= 1.27 (built-in kustomize) and the Strimzi, CloudNativePG and KEDA operators.
#
# CLEARWAY_IMAGE_TAG overrides the overlay's image tag, and with it the migration Jobs' names
# (<svc>-migrate-<tag>): a Job runs once, so only a new name runs a release's migrations. The
# dev overlay's tag is a placeholder ("dev") and needs it: build each image with a new tag
# (e.g. dev-$(date +%Y%m%d%H%M%S)), or re-applying would neither migrate nor roll the pods.
set -euo pipefail

render_only=false
if [[ ${1:-} == --render ]]; then
  render_only=true
  shift
fi
overlay=${1:?usage: deploy.sh [--render] <overlay dir> [kubectl flags]}
shift
kc=(kubectl "$@")
ns=clearway
timeout=${CLEARWAY_DEPLOY_TIMEOUT:-900s}

# An overlay that generates its own credentials (dev) makes them first; kept between runs.
if [[ -x "$overlay/generate-secrets.sh" ]]; then
  "$overlay/generate-secrets.sh"
fi

tag=${CLEARWAY_IMAGE_TAG:-}
if [[ -z $tag && $(basename "$overlay") == dev && $render_only == false ]]; then
  echo "the dev overlay needs CLEARWAY_IMAGE_TAG (the tag of the image you just built)" >&2
  exit 2
fi
if [[ -n $tag && ! $tag =~ ^[a-z0-9][a-z0-9.-]*$ ]]; then
  echo "CLEARWAY_IMAGE_TAG must be DNS-safe (lowercase, digits, '.', '-'): it names the Jobs" >&2
  exit 2
fi

rendered=$(mktemp)
wrapper=$(mktemp -d)
trap 'rm -rf "$rendered" "$wrapper"' EXIT
kubectl kustomize "$overlay" >"$rendered"
if [[ -n $tag ]]; then
  # The overlay, re-tagged, its Jobs renamed after the new tag (the same replacement the
  # overlays make): a kustomization of our own around it (kustomize wants a relative path).
  image=$(grep -m1 -oP '^\s+image: \K[^:]+' "$rendered")
  cat >"$wrapper/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [$(realpath --relative-to="$wrapper" "$overlay")]
images:
  - name: $image
    newTag: $tag
replacements:
  - source:
      kind: Deployment
      name: gateway-api
      fieldPath: spec.template.spec.containers.[name=app].image
      options: {delimiter: ":", index: 1}
    targets:
      - select: {kind: Job}
        fieldPaths: [metadata.name]
        options: {delimiter: "-", index: 2}
YAML
  kubectl kustomize "$wrapper" >"$rendered"
fi
if $render_only; then
  cat "$rendered"
  exit 0
fi

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

#!/usr/bin/env bash
# Creates the Secrets the demo overlay reads, each with a random value, in the namespace redciudades-demo (or the
# one given). A Secret that exists already is kept, so running it again changes nothing. Needs kubectl and a cluster.
#   deploy/kubernetes/overlays/demo/create-secrets.sh [namespace]
set -euo pipefail
namespace="${1:-redciudades-demo}"

random() {
  head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-48
}

create() {
  local name="$1"
  shift
  if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "kept    $name"
  else
    kubectl -n "$namespace" create secret generic "$name" "$@" >/dev/null
    echo "created $name"
  fi
}

kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"

# Each service's database: CloudNativePG makes the owner with this name and password (databases.yaml), and the
# service signs in with them.
for service in membership events notification; do
  create "$service-service-database" --type=kubernetes.io/basic-auth \
    --from-literal=username="$service" --from-literal=password="$(random)"
done
create events-service-secrets --from-literal=guest-links-secret="$(random)"
create notification-service-secrets --from-literal=unsubscribe-secret="$(random)"
# The portal's client secret, which the identity provider is given too.
create portal-oidc-client --from-literal=client-secret="$(random)"
create identity-provider-admin --from-literal=admin-secret="$(random)"

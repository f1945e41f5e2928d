#!/usr/bin/env bash
# Writes deploy/compose/.env once, with this deployment's secrets, random: the databases' passwords, the services'
# signing keys, the portal's client secret, the identity provider's admin secret, Grafana's admin password, and the
# Kafka cluster's id.
# An existing .env is kept (the databases were initialized with its passwords). Readable by its owner only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ -f .env ]]; then
  exit 0
fi
secret() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
umask 077
cat > .env <<EOT
# Written by deploy/compose/env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); keep it out of version control.
KAFKA_CLUSTER_ID=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
MEMBERSHIP_DB_PASSWORD=$(secret)
EVENTS_DB_PASSWORD=$(secret)
NOTIFICATION_DB_PASSWORD=$(secret)
EVENTS_GUESTLINKS_SECRET=$(secret)$(secret)
NOTIFICATION_UNSUBSCRIBE_SECRET=$(secret)$(secret)
PORTAL_CLIENT_SECRET=$(secret)
IDENTITY_ADMIN_SECRET=$(secret)
GRAFANA_ADMIN_PASSWORD=$(secret)
EOT
echo "deploy/compose/.env written"

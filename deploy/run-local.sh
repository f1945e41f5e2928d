#!/usr/bin/env bash
# Builds the services, the portal and the launcher, with the AOT caches' training runs (-Paot-cache: the first build
# and any build after a change take two to three minutes more; see deploy/local-stack/README.md), then starts the whole
# network on loopback:
# Kafka, PostgreSQL x3, a mail sink, the identity provider, the three services and the portal (http://127.0.0.1:8080).
# Ctrl-C stops everything. Arguments go to the launcher (--only-infra: everything but the services and the portal;
# --no-aot-cache: start the Java applications without their caches; --help).
set -euo pipefail

source "$(dirname "$0")/build-local.sh"

launcher=deploy/local-stack/target/local-stack.jar
if [[ ! -f "$launcher" ]]; then
  echo "$launcher was not built: is deploy/local-stack listed in the root pom.xml's <modules>?" >&2
  exit 1
fi

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach the launcher, which stops everything in order.
exec "$JAVA_HOME/bin/java" -jar "$launcher" "$@"

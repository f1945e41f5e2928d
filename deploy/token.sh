#!/usr/bin/env bash
# Prints an access token for a person of the local stack, from its identity provider (authorization code with
# PKCE, as a browser signs in): ./deploy/token.sh organizer | ops | <a demo person's email> [password]
# The people and their passwords: deploy/local-stack/demo-people.yml. Needs ./deploy/run-local.sh running.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp deploy/local-stack/target/local-stack.jar org.redciudades.localstack.SignIn "$@"

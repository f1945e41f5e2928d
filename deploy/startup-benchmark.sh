#!/usr/bin/env bash
# The start-up benchmark (deploy/local-stack/STARTUP-BENCHMARK.md): builds the reactor with the AOT caches' training
# runs, then starts each Java application alone with its AOT cache and without, and prints the times, the memory and
# the ratios. Arguments go to the benchmark (--rounds N, --idle SECONDS, --stack N, --only a,b; --help).
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [[ -z "${JAVA_HOME:-}" ]]; then
  echo "JAVA_HOME is not set: point it at a JDK 25" >&2
  exit 1
fi

echo "Building (./mvnw -B -q -DskipTests -Paot-cache package) ..."
./mvnw -B -q -DskipTests -Paot-cache package

exec "$JAVA_HOME/bin/java" -cp deploy/local-stack/target/local-stack.jar org.redciudades.localstack.StartupBenchmark "$@"

#!/usr/bin/env bash
# The start-up benchmark (deploy/local-stack/STARTUP-BENCHMARK.md): builds the reactor with the AOT caches' training
# runs, then starts each Java application alone with its AOT cache and without, and prints the times, the memory and
# the ratios. Arguments go to the benchmark (--rounds N, --idle SECONDS, --stack N, --only a,b; --help).
set -euo pipefail

source "$(dirname "$0")/build-local.sh"

exec "$JAVA_HOME/bin/java" -cp deploy/local-stack/target/local-stack.jar org.redciudades.localstack.StartupBenchmark "$@"

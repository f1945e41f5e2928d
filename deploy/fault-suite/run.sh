#!/usr/bin/env bash
# The fault suite (README.md): builds the service jars and the identity provider, then runs FaultSuiteIT with -Pfaults.
# Arguments go to Maven, e.g. -Dfaults.scenarios=leader,instances -Dfaults.repeat=3 -Dfaults.workers=8.
# The table is printed at the end and kept in deploy/fault-suite/target/fault-suite/report.md; each scenario's
# requests, acknowledgements and findings are in target/fault-suite/scenario-<n>/, the processes' logs in logs/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
./mvnw -B -q -pl membership-service,events-service,notification-service,deploy/identity-provider -am package -DskipTests
./mvnw -B -pl deploy/fault-suite -am -Pfaults verify \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=FaultSuiteIT -Dfailsafe.failIfNoSpecifiedTests=false "$@"

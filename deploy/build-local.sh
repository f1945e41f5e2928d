# Sourced by deploy/run-local.sh and deploy/startup-benchmark.sh: moves to the repository's root, finds a JDK 25
# (JAVA_HOME, or Temurin 25 in /usr/lib/jvm), and builds the services, the portal and the launcher with the AOT caches'
# training runs (-Paot-cache: the first build and any build after a change take two to three minutes more).
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [[ -z "${JAVA_HOME:-}" ]]; then
  echo "JAVA_HOME is not set: point it at a JDK 25" >&2
  exit 1
fi

echo "Building (./mvnw -B -q -DskipTests -Paot-cache package) ..."
./mvnw -B -q -DskipTests -Paot-cache package

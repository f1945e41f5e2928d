#!/usr/bin/env bash
# Measures this provider's start (process start until the discovery document answers) and resident memory,
# and, with KEYCLOAK_HOME set to an unpacked org.keycloak:keycloak-quarkus-dist, Keycloak's (start-dev, its
# own H2 database) in the same run on the same machine, then prints Keycloak's figures as a ratio of ours.
#   ./mvnw -B -q -pl deploy/identity-provider -am -DskipTests package
#   KEYCLOAK_HOME=/path/to/keycloak-26.5.6 RUNS=3 deploy/identity-provider/compare-start.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
runs=${RUNS:-3}
jar=deploy/identity-provider/target/identity-provider-exec.jar
[[ -f $jar ]] || { echo "$jar is missing: build it first (see the top of this script)" >&2; exit 1; }

# name port discovery-path command... ; prints "<seconds> <rss MB>" per run
measure() {
  local name=$1 port=$2 path=$3; shift 3
  local log; log=$(mktemp /tmp/compare-start-$name.XXXX.log)
  for _ in $(seq 1 "$runs"); do
    local t0; t0=$(date +%s%N)
    setsid "$@" >"$log" 2>&1 &
    local pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port$path"; do
      kill -0 "$pid" 2>/dev/null || { echo "$name exited while starting; see $log" >&2; exit 1; }
      sleep 0.05
    done
    local t1; t1=$(date +%s%N)
    sleep 2
    local jpid; jpid=$(pgrep -s "$pid" java | head -1)
    local rss; rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$jpid/status")
    local seconds; seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
    printf '%-18s ready in %5.2f s, RSS %4d MB\n' "$name" "$seconds" "$rss" >&2
    echo "$seconds $rss"
    kill -TERM -- -"$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ours=$(measure identity-provider 18090 /.well-known/openid-configuration \
  "$JAVA_HOME/bin/java" -Xmx192m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" \
  --server.address=127.0.0.1 --server.port=18090)
ours_s=$(cut -d' ' -f1 <<<"$ours" | median); ours_mb=$(cut -d' ' -f2 <<<"$ours" | median)
printf 'identity-provider  median: %.2f s, %d MB\n' "$ours_s" "$ours_mb"

if [[ -n "${KEYCLOAK_HOME:-}" ]]; then
  kc=$(KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin JAVA_HOME=$JAVA_HOME \
    measure keycloak 18180 /realms/master/.well-known/openid-configuration \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=18180)
  kc_s=$(cut -d' ' -f1 <<<"$kc" | median); kc_mb=$(cut -d' ' -f2 <<<"$kc" | median)
  printf 'keycloak           median: %.2f s, %d MB\n' "$kc_s" "$kc_mb"
  awk -v ks="$kc_s" -v os="$ours_s" -v km="$kc_mb" -v om="$ours_mb" \
    'BEGIN {printf "keycloak / identity-provider: start %.1fx, memory %.1fx\n", ks / os, km / om}'
fi

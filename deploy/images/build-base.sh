#!/usr/bin/env bash
# Builds, from Debian's packages and the JDK on this machine, the images the Dockerfiles and deploy/compose need where
# no image registry is reachable:
#   localhost/redciudades/jre:25      Debian bookworm (mmdebstrap, minbase) + a jlinked JDK 25 runtime + user "app"
#   localhost/redciudades/postgres    PostgreSQL 15 from Debian, with the official postgres image's interface
#   localhost/redciudades/kafka       Apache Kafka's jars from Maven Central, with apache/kafka's interface
#   localhost/redciudades/greenmail   GreenMail standalone (SMTP + REST API), the mail sink
#   localhost/redciudades/prometheus  Prometheus from Debian (trixie)
# Usage: deploy/images/build-base.sh [--force] [jre|postgres|kafka|greenmail|prometheus ...]   (default: all; an image
# that exists is kept unless --force). Needs root (or podman's rootless setup), podman, mmdebstrap, and JAVA_HOME or
# /usr/lib/jvm/temurin-25-jdk-amd64.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/podman-env.sh"
cd "$images_dir"
repo="$(cd ../.. && pwd)"

force=false
wanted=()
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    jre|postgres|kafka|greenmail|prometheus) wanted+=("$arg") ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[[ ${#wanted[@]} -gt 0 ]] || wanted=(jre postgres kafka greenmail prometheus)

JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$images_dir/target/base"
mkdir -p "$work"

exists() { podman image exists "$1" && ! $force; }

# The runtime: the java.se modules plus the JDK modules Spring Boot, Kafka, the JDBC driver and the tools use
# (jdk.unsupported: Netty/Kafka's Unsafe; jdk.crypto.ec, jdk.security.*: TLS and SASL; jdk.localedata: es-MX texts,
# dates and numbers; jdk.management*, jdk.jfr: metrics and flight recordings; jdk.jcmd: diagnostics in the container;
# jdk.httpserver: the health check of deploy/images/health). Tested by running every image of deploy/compose on it.
JRE_MODULES=java.se,jdk.charsets,jdk.crypto.ec,jdk.localedata,jdk.management,jdk.management.agent,jdk.management.jfr,\
jdk.jfr,jdk.jcmd,jdk.net,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs,jdk.httpserver

build_jre() {
  local image=localhost/redciudades/jre:25
  if exists "$image"; then echo "$image: already there"; return; fi
  rm -rf "$work/jre"
  echo "jlink: $JRE_MODULES"
  "$JAVA_HOME/bin/jlink" --add-modules "$JRE_MODULES" --include-locales=en,es \
    --strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive \
    --output "$work/jre"
  echo "mmdebstrap bookworm (minbase, ca-certificates, tzdata) ..."
  # The runtime goes to /opt/java/openjdk, where eclipse-temurin images have it; the user "app" (uid 10001, group 0,
  # home /app) runs the applications, as on OpenShift, where any uid runs with group 0.
  mmdebstrap --variant=minbase --include=ca-certificates,tzdata --format=tar \
    --customize-hook="cp -a '$work/jre' \"\$1/opt/java-openjdk\"" \
    --customize-hook='mkdir -p "$1/opt/java" && mv "$1/opt/java-openjdk" "$1/opt/java/openjdk"' \
    --customize-hook='chroot "$1" useradd --uid 10001 --gid 0 --home-dir /app --create-home --shell /usr/sbin/nologin app' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
    bookworm "$work/jre-rootfs.tar" "$MIRROR"
  podman import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["jshell"]' \
    "$work/jre-rootfs.tar" "$image"
  rm -f "$work/jre-rootfs.tar"
}

# A base for the images with Debian packages of their own: minbase of the suite named with the packages named, user "app".
debian_rootfs() { # suite name packages...
  local suite=$1 name=$2; shift 2
  local include=ca-certificates,tzdata
  for p in "$@"; do include+=",$p"; done
  mmdebstrap --variant=minbase --include="$include" --format=tar \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
    "$suite" "$work/$name-rootfs.tar" "$MIRROR"
  podman import --change 'ENV LANG=C.UTF-8' "$work/$name-rootfs.tar" "localhost/redciudades/debian-$name:$suite"
  rm -f "$work/$name-rootfs.tar"
}

build_postgres() {
  local image=localhost/redciudades/postgres:15
  if exists "$image"; then echo "$image: already there"; return; fi
  debian_rootfs bookworm postgres postgresql-15
  podman build --format docker "${PODMAN_ULIMITS[@]}" --build-arg BASE_IMAGE=localhost/redciudades/debian-postgres:bookworm \
    -t "$image" -t localhost/redciudades/postgres:latest "$images_dir/postgres"
  podman rmi localhost/redciudades/debian-postgres:bookworm >/dev/null
}

build_prometheus() {
  local image=localhost/redciudades/prometheus:latest
  if exists "$image"; then echo "$image: already there"; return; fi
  # From trixie: bookworm's Prometheus 2.42 refuses the services' OpenMetrics ("metric name
  # http_server_requests_seconds_count does not support exemplars"); trixie's 2.53 reads them.
  debian_rootfs trixie prometheus prometheus
  podman build --format docker "${PODMAN_ULIMITS[@]}" --build-arg BASE_IMAGE=localhost/redciudades/debian-prometheus:trixie -t "$image" "$images_dir/prometheus"
  podman rmi localhost/redciudades/debian-prometheus:trixie >/dev/null
}

# Jars from Maven Central through the project's wrapper, into target/<name>/lib (a pom of their own, outside the
# reactor: nothing is installed in ~/.m2 but the downloads).
maven_libs() { # name
  rm -rf "$images_dir/$1/target"
  "$repo/mvnw" -B -q -f "$images_dir/$1/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory=target/lib
}

build_kafka() {
  local image=localhost/redciudades/kafka:latest
  if exists "$image"; then echo "$image: already there"; return; fi
  build_jre
  JAVA_HOME="$JAVA_HOME" maven_libs kafka
  local version
  version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$repo/pom.xml")
  podman build --format docker "${PODMAN_ULIMITS[@]}" --build-arg BASE_IMAGE=localhost/redciudades/jre:25 --build-arg KAFKA_VERSION="$version" \
    -t "$image" -t "localhost/redciudades/kafka:$version" "$images_dir/kafka"
}

build_greenmail() {
  local image=localhost/redciudades/greenmail:latest
  if exists "$image"; then echo "$image: already there"; return; fi
  build_jre
  JAVA_HOME="$JAVA_HOME" maven_libs greenmail
  cp "$images_dir/health.sh" "$images_dir/greenmail/health.sh"
  podman build --format docker "${PODMAN_ULIMITS[@]}" --build-arg BASE_IMAGE=localhost/redciudades/jre:25 -t "$image" "$images_dir/greenmail"
  rm -f "$images_dir/greenmail/health.sh"
}

for what in "${wanted[@]}"; do "build_$what"; done
podman images --filter reference='localhost/redciudades/*' --format '{{.Repository}}:{{.Tag}} {{.Size}}'

#!/usr/bin/env bash
# Builds every image of the platform here, with podman and no registry: the jars if they are missing
# (./mvnw -B -q -DskipTests package), the local base images (build-base.sh), then the services', the portal's and the
# identity provider's images on localhost/redciudades/jre:25, tagged localhost/redciudades/<name>:latest and :<version>.
# Prints the images' sizes at the end.
# Usage: deploy/images/build.sh [--package] [name ...]   (--package: build the jars even if they are there;
# names: membership-service events-service notification-service portal identity-provider; default all)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/podman-env.sh"
repo="$(cd "$images_dir/../.." && pwd)"
cd "$repo"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

package=false
apps=()
for arg in "$@"; do
  case "$arg" in
    --package) package=true ;;
    membership-service|events-service|notification-service|portal|identity-provider) apps+=("$arg") ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[[ ${#apps[@]} -gt 0 ]] || apps=(membership-service events-service notification-service portal identity-provider)

jar_of() {
  case "$1" in
    identity-provider) echo deploy/identity-provider/target/identity-provider-exec.jar ;;
    *) echo "$1/target/$1.jar" ;;
  esac
}

# What differs between the applications' images, as build arguments of deploy/images/Dockerfile. TRAINING_ENV: the
# settings the AOT training run needs where nothing is reachable (README.md, "AOT cache").
service_training="SPRING_FLYWAY_ENABLED=false SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=http://identity.invalid \
SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI=http://identity.invalid/oauth2/jwks"
portal_training="SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_REDCIUDADES_PROVIDER=explicit \
SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_EXPLICIT_AUTHORIZATION_URI=http://identity.invalid/oauth2/authorize \
SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_EXPLICIT_TOKEN_URI=http://identity.invalid/oauth2/token \
SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_EXPLICIT_JWK_SET_URI=http://identity.invalid/oauth2/jwks \
SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_EXPLICIT_USER_INFO_URI=http://identity.invalid/userinfo \
SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_EXPLICIT_USER_NAME_ATTRIBUTE=sub"
app_args() {
  case "$1" in
    membership-service) args=(--build-arg PORT=8081
      --build-arg "DESCRIPTION=Red de Ciudades Inteligentes: member onboarding and lifecycle"
      --build-arg "TRAINING_ENV=$service_training") ;;
    events-service) args=(--build-arg PORT=8082
      --build-arg "DESCRIPTION=Red de Ciudades Inteligentes: events, registrations, waiting lists and check-in"
      --build-arg "TRAINING_ENV=$service_training EVENTS_GUESTLINKS_SECRET=image-build-training-run-only") ;;
    notification-service) args=(--build-arg PORT=8083
      --build-arg "DESCRIPTION=Red de Ciudades Inteligentes: email and in-app notifications"
      --build-arg "TRAINING_ENV=$service_training NOTIFICATION_UNSUBSCRIBE_SECRET=image-build-training-run-only") ;;
    portal) args=(--build-arg PORT=8080
      --build-arg "DESCRIPTION=Red de Ciudades Inteligentes: the web portal (Spring MVC, Thymeleaf, htmx)"
      --build-arg "TRAINING_ENV=$portal_training") ;;
    identity-provider) args=(--build-arg PORT=8090 --build-arg HEALTH_PATH=/.well-known/openid-configuration
      --build-arg "DESCRIPTION=Red de Ciudades Inteligentes: OpenID Connect provider for demos and tests (Spring Authorization Server)"
      --build-arg STATE_DIR=/app/state) ;;
  esac
  args+=(--build-arg "JAR=$(jar_of "$1")" --build-arg "TITLE=$1")
}

missing=false
for app in "${apps[@]}"; do [[ -f "$(jar_of "$app")" ]] || missing=true; done
if $package || $missing; then
  echo "Building the jars (./mvnw -B -q -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
fi

"$images_dir/build-base.sh"

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for app in "${apps[@]}"; do
  echo "Building localhost/redciudades/$app ..."
  start=$(date +%s)
  # The training run's log (the application's start and the JVM's AOT notes) goes to target/, not the terminal.
  app_args "$app"
  podman build --format docker "${PODMAN_ULIMITS[@]}" -f deploy/images/Dockerfile "${args[@]}" \
    --build-arg BASE_IMAGE=localhost/redciudades/jre:25 \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" --build-arg CREATED="$created" \
    -t "localhost/redciudades/$app:latest" -t "localhost/redciudades/$app:$version" . \
    > "$images_dir/target/build-$app.log" 2>&1 \
    || { tail -40 "$images_dir/target/build-$app.log" >&2; echo "$app: build failed (log: deploy/images/target/build-$app.log)" >&2; exit 1; }
  aot=$(podman run --rm --entrypoint stat "localhost/redciudades/$app:latest" -c %s /app/app.aot 2>/dev/null || echo 0)
  echo "  AOT cache $(( aot / 1048576 )) MB, built in $(( $(date +%s) - start )) s"
done

echo
podman images --filter reference='localhost/redciudades/*' --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | sort

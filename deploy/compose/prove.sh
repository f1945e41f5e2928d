#!/usr/bin/env bash
# Proves the Compose platform on this machine, under podman: builds the images that are missing
# (deploy/images/build.sh), brings the stack up in three steps (Kafka, PostgreSQL, the mail sink and the identity
# provider; the topics; the services, the portal and Prometheus), waits for every container's health check, runs the
# README's flow against it (an institution applies, an organizer takes it to ACTIVE and announces an event, its contact
# registers, the confirmation reaches the mail sink), kills one Kafka broker and registers two more people (the
# confirmation reaches the mail sink again), prints the containers' memory, and tears the stack down with its volumes.
# One line per step, PASS or FAIL; exits 1 if any step failed.
# Usage: deploy/compose/prove.sh [--keep]   (--keep: leave the stack running at the end)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../images/podman-env.sh

keep=false
[[ "${1:-}" == --keep ]] && keep=true
for tool in podman-compose curl jq openssl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: apt-get install $tool)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/redciudades-prove.XXXXXX")
compose=(podman-compose -p redciudades -f compose.yaml)
failures=0
t0=$(date +%s)
elapsed() { echo "$(( $(date +%s) - t0 )) s"; }
pass() { printf 'PASS  %-62s %s\n' "$1" "${2:-}"; }
fail() { printf 'FAIL  %-62s %s\n' "$1" "${2:-}"; failures=$((failures + 1)); }
# A step that the rest depends on: on failure, show the logs' tail, tear down (unless --keep) and stop.
must() { "$@" || { finish; exit 1; }; }

teardown() {
  if $keep; then
    echo "The stack is left running (--keep); stop it with:"
    echo "  cd deploy/compose && set -a && . ./.env && . ./local-images.env && set +a && podman-compose -p redciudades -f compose.yaml down -v"
  else
    "${compose[@]}" down -v >> "$work/compose.log" 2>&1
    podman volume ls -q --filter label=io.podman.compose.project=redciudades | xargs -r podman volume rm -f >/dev/null 2>&1
    echo "The stack is torn down (volumes included)."
  fi
}
finish() {
  echo
  echo "Logs: $work (compose.log, <container>.log)"
  for c in $(podman ps -a --format '{{.Names}}' --filter label=io.podman.compose.project=redciudades); do
    podman logs "$c" > "$work/$c.log" 2>&1
  done
  teardown
  if [[ $failures -eq 0 ]]; then echo "RESULT: PASS ($(elapsed))"; else echo "RESULT: FAIL ($failures step(s) failed, $(elapsed))"; fi
}

# --- the images and the settings ----------------------------------------------------------------------------------
images=(kafka:4.2.1 postgres:15 greenmail:latest prometheus:latest identity-provider:latest membership-service:latest
        events-service:latest notification-service:latest portal:latest)
step_images() {
  local missing=()
  for i in "${images[@]}"; do podman image exists "localhost/redciudades/$i" || missing+=("$i"); done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "Building the missing images (${missing[*]}) with deploy/images/build.sh ..."
    ../images/build.sh > "$work/build.log" 2>&1 || { fail "images built" "deploy/images/build.sh failed: $work/build.log"; return 1; }
  fi
  pass "images present (localhost/redciudades/*)"
}
must step_images
./env.sh
set -a; source ./.env; source ./local-images.env; set +a

# --- up ----------------------------------------------------------------------------------------------------------
# A container without a health check of its own (Prometheus: its images have neither curl nor bash) counts when running.
healthy() {
  if [[ $(podman inspect -f '{{if .Config.Healthcheck}}yes{{end}}' "$1" 2>/dev/null) == yes ]]; then
    podman healthcheck run "$1" >/dev/null 2>&1
  else
    [[ $(podman inspect -f '{{.State.Running}}' "$1" 2>/dev/null) == true ]]
  fi
}
# podman runs health checks from systemd timers, which a host without systemd lacks: this script runs them itself.
wait_healthy() { # timeout-seconds container...
  local deadline=$(( $(date +%s) + $1 )); shift
  local pending=("$@")
  while [[ ${#pending[@]} -gt 0 && $(date +%s) -lt $deadline ]]; do
    local still=()
    for c in "${pending[@]}"; do healthy "$c" || still+=("$c"); done
    pending=("${still[@]+"${still[@]}"}")
    [[ ${#pending[@]} -gt 0 ]] && sleep 3
  done
  if [[ ${#pending[@]} -gt 0 ]]; then echo "not healthy: ${pending[*]}"; return 1; fi
}

infra=(kafka-1 kafka-2 kafka-3 pg-membership pg-events pg-notification mail identity-provider)
apps=(membership-service-1 membership-service-2 events-service-1 events-service-2 notification-service-1
      notification-service-2 portal prometheus)
containers() { local out=(); for s in "$@"; do out+=("redciudades-$s"); done; echo "${out[@]}"; }

step_infra() {
  "${compose[@]}" up -d "${infra[@]}" >> "$work/compose.log" 2>&1
  local out
  if out=$(wait_healthy 300 $(containers "${infra[@]}")); then
    pass "Kafka x3, PostgreSQL x3, mail sink, identity provider healthy" "($(elapsed))"
  else
    fail "Kafka x3, PostgreSQL x3, mail sink, identity provider healthy" "$out"; return 1
  fi
}
must step_infra

step_topics() {
  "${compose[@]}" up -d kafka-topics-init >> "$work/compose.log" 2>&1
  local rc
  rc=$(podman wait redciudades-kafka-topics-init 2>/dev/null)
  podman logs redciudades-kafka-topics-init > "$work/topics.log" 2>&1
  local good
  good=$(grep -c 'ReplicationFactor: 3.*min.insync.replicas=2' "$work/topics.log")
  if [[ "$rc" == 0 && "$good" -ge 6 ]]; then
    pass "topics: 6 with replication factor 3, min.insync.replicas 2" "(dead-letter topics included)"
  else
    fail "topics: 6 with replication factor 3, min.insync.replicas 2" "exit $rc, $good good: $work/topics.log"; return 1
  fi
}
must step_topics

step_apps() {
  local started=$(date +%s)
  "${compose[@]}" up -d "${apps[@]}" >> "$work/compose.log" 2>&1
  local out
  if out=$(wait_healthy 600 $(containers "${apps[@]}")); then
    apps_ready=$(( $(date +%s) - started ))
    pass "2x each service, portal, Prometheus healthy" "(${apps_ready} s after their start; stack $(elapsed))"
  else
    fail "2x each service, portal, Prometheus healthy" "$out"; return 1
  fi
}
must step_apps
# Readiness (database and Kafka) on every instance, through the published ports.
step_ready() {
  local bad=()
  for port in 8081 18081 8082 18082 8083 18083; do
    curl -sf "http://127.0.0.1:$port/actuator/health/readiness" | grep -q '"UP"' || bad+=("$port")
  done
  if [[ ${#bad[@]} -eq 0 ]]; then pass "readiness UP on all six instances"; else fail "readiness UP on all six instances" "not on ${bad[*]}"; return 1; fi
}
must step_ready

# --- the README's flow -----------------------------------------------------------------------------------------------
# call METHOD URL [TOKEN] [JSON]: sets $status and $body.
call() {
  local args=(-s -o "$work/body" -w '%{http_code}' -X "$1" "$2" -H 'Accept-Language: es-MX')
  [[ -n "${3:-}" ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n "${4:-}" ]] && args+=(-H 'Content-Type: application/json' -d "$4")
  status=$(curl "${args[@]}")
  body=$(cat "$work/body")
}
# Signs in at the stack's identity provider as a browser would (authorization code with PKCE, the public client
# redciudades-cli), as deploy/token.sh does; prints the access token. Every demo person's password is demo2026.
signin() {
  local idp=http://127.0.0.1:8090 jar="$work/cookies-$1" verifier challenge csrf next code
  verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
  curl -s -o /dev/null -c "$jar" -b "$jar" "$idp/oauth2/authorize?response_type=code&client_id=redciudades-cli&redirect_uri=http://127.0.0.1/callback&scope=openid%20profile%20email&state=s1&code_challenge=$challenge&code_challenge_method=S256"
  csrf=$(curl -s -c "$jar" -b "$jar" "$idp/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
  next=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$idp/login" \
    --data-urlencode "username=$1" --data-urlencode password=demo2026 --data-urlencode "_csrf=$csrf")
  code=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$next" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
  curl -s "$idp/oauth2/token" -d grant_type=authorization_code -d client_id=redciudades-cli \
    -d redirect_uri=http://127.0.0.1/callback -d "code=$code" -d "code_verifier=$verifier" | jq -r '.access_token // empty'
}
# until SECONDS COMMAND...: retries COMMAND every second (events take a moment to flow between services).
until_ok() { local deadline=$(( $(date +%s) + $1 )); shift; until "$@"; do [[ $(date +%s) -lt $deadline ]] || return 1; sleep 1; done; }
# mail_to ADDRESS SUBJECT-PREFIX: a message whose subject starts so is in ADDRESS's mailbox at the sink.
mail_to() {
  curl -s "http://127.0.0.1:8025/api/user/$1/messages/INBOX" \
    | jq -e --arg s "$2" 'map(select(.subject | startswith($s))) | length > 0' >/dev/null 2>&1
}

MARIANA_EMAIL=mariana.avila@implan-torreon.example.mx
JORGE_EMAIL=jorge.castaneda@implan-torreon.example.mx
LUCIA_EMAIL=lucia.herrera@implan-torreon.example.mx
TITLE="Taller de movilidad urbana sostenible"

step_apply() {
  call POST http://127.0.0.1:8081/api/v1/applications "" '{
    "institution": {"name": "IMPLAN Torreón", "kind": "MUNICIPAL_PLANNING_INSTITUTE", "country": "MX",
                    "region": "Coahuila", "city": "Torreón", "website": "https://implan-torreon.example.mx"},
    "locale": "es-MX", "timeZone": "America/Monterrey",
    "contacts": [{"name": "Mariana Ávila Treviño", "email": "'"$MARIANA_EMAIL"'",
                  "title": "Coordinadora de Vinculación", "locale": "es-MX", "primary": true}]}'
  MEMBER=$(jq -r '.id // empty' <<<"$body")
  if [[ "$status" == 201 && -n "$MEMBER" ]]; then pass "1. IMPLAN Torreón applies (membership-service-1)" "201 $MEMBER"
  else fail "1. IMPLAN Torreón applies (membership-service-1)" "$status $body"; return 1; fi
}
must step_apply

step_organizer() {
  ORGANIZER=$(signin organizer)
  if [[ -n "$ORGANIZER" ]]; then pass "2. the organizer signs in at the identity provider (code + PKCE)"
  else fail "2. the organizer signs in at the identity provider (code + PKCE)"; return 1; fi
}
must step_organizer

step_activate() {
  # Instance 2 takes the review, instance 1 the rest: both serve the same database.
  call POST "http://127.0.0.1:18081/api/v1/members/$MEMBER/review" "$ORGANIZER"; local s1=$status
  call POST "http://127.0.0.1:8081/api/v1/members/$MEMBER/approval" "$ORGANIZER"; local s2=$status
  call POST "http://127.0.0.1:8081/api/v1/members/$MEMBER/agreement" "$ORGANIZER" '{
    "signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
    "documentReference": "RCI-CONV-2026-014",
    "memberSignatory": "Dirección General de IMPLAN Torreón", "networkSignatory": "Coordinación de la Red"}'
  local s3=$status
  call GET "http://127.0.0.1:18081/api/v1/members/$MEMBER" "$ORGANIZER"
  local member_status; member_status=$(jq -r '.status // empty' <<<"$body")
  if [[ "$s1" == 200 && "$s2" == 200 && "$s3" == 200 && "$member_status" == ACTIVE ]]; then
    pass "3. review (instance 2), approval, agreement: the member is ACTIVE" "200 200 200"
  else fail "3. review (instance 2), approval, agreement: the member is ACTIVE" "$s1 $s2 $s3 status=$member_status"; return 1; fi
}
must step_activate

eligible() { call GET "http://127.0.0.1:8082/api/v1/eligibility/members/$MEMBER" "$ORGANIZER"; [[ "$status" == 200 ]] && jq -e '.eligible == true' <<<"$body" >/dev/null; }
step_eligible() {
  if until_ok 60 eligible; then pass "4. events-service sees the member as eligible (via Kafka)" "$(jq -c . <<<"$body" | cut -c1-60)"
  else fail "4. events-service sees the member as eligible (via Kafka)" "$status $body"; return 1; fi
}
must step_eligible

step_welcome() {
  if until_ok 60 mail_to "$MARIANA_EMAIL" "Bienvenida a la Red"; then pass "5. the welcome email is at the mail sink (SMTP)" "to $MARIANA_EMAIL"
  else fail "5. the welcome email is at the mail sink (SMTP)"; fi
}
step_welcome

step_contacts() {
  local ok=true who
  for who in "Jorge Castañeda Ruiz:$JORGE_EMAIL" "Lucía Herrera Salas:$LUCIA_EMAIL"; do
    call POST "http://127.0.0.1:8081/api/v1/members/$MEMBER/contacts" "$ORGANIZER" "{\"name\": \"${who%%:*}\",
      \"title\": \"Analista\", \"email\": \"${who##*:}\", \"locale\": \"es-MX\", \"primary\": false}"
    [[ "$status" == 201 || "$status" == 200 ]] || ok=false
  done
  if $ok; then pass "6. two more of IMPLAN Torreón's staff become its contacts"; else fail "6. two more contacts" "$status $body"; return 1; fi
}
must step_contacts

step_event() {
  call POST http://127.0.0.1:8082/api/v1/events "$ORGANIZER" '{
    "type": "WORKSHOP", "titleEs": "'"$TITLE"'", "titleEn": "Sustainable urban mobility workshop",
    "descriptionEs": "Diseño de calles completas para ciudades medias.", "modality": "HYBRID",
    "venue": {"city": "Torreón", "country": "MX", "address": "Av. Allende 333, Centro"},
    "onlineLink": "https://meet.example.org/movilidad",
    "startsAt": "2027-03-10T09:00:00-06:00", "endsAt": "2027-03-10T13:00:00-06:00", "timeZone": "America/Monterrey",
    "capacity": 2, "waitlistEnabled": true, "audience": "MEMBERS_ONLY", "memberQuota": 5, "requiresApproval": false}'
  EVENT=$(jq -r '.id // empty' <<<"$body"); local s1=$status
  call POST "http://127.0.0.1:8082/api/v1/events/$EVENT/announcement" "$ORGANIZER"
  if [[ "$s1" == 201 && "$status" == 200 ]]; then pass "7. the organizer drafts and announces a workshop, 2 seats" "201 200 $EVENT"
  else fail "7. the organizer drafts and announces a workshop, 2 seats" "$s1 $status $body"; return 1; fi
}
must step_event

# register TOKEN NAME EMAIL PORT: sets $status, $body; true when 200/201.
register() {
  call POST "http://127.0.0.1:$4/api/v1/events/$EVENT/registrations" "$1" \
    "{\"name\": \"$2\", \"email\": \"$3\", \"locale\": \"es-MX\"}"
  [[ "$status" == 201 || "$status" == 200 ]]
}
# step_register STEP NAME EMAIL PORT STATUS: the person signs in at the identity provider and registers through the
# events-service instance on PORT; the registration must come back with STATUS.
step_register() {
  local token
  token=$(signin "$3")
  if until_ok 30 register "$token" "$2" "$3" "$4" && [[ $(jq -r .status <<<"$body") == "$5" ]]; then
    pass "$1" "$status"
  else fail "$1" "$status $body"; return 1; fi
}
must step_register "8. Mariana signs in and registers: CONFIRMED" "Mariana Ávila Treviño" "$MARIANA_EMAIL" 8082 CONFIRMED

step_mail_mariana() {
  if until_ok 60 mail_to "$MARIANA_EMAIL" "Inscripción confirmada: $TITLE"; then
    pass "9. her confirmation email is at the mail sink" "\"Inscripción confirmada: $TITLE\""
  else fail "9. her confirmation email is at the mail sink"; fi
}
step_mail_mariana

step_prometheus() {
  local up
  up=$(curl -s http://127.0.0.1:9090/api/v1/targets | jq '[.data.activeTargets[] | select(.health == "up")] | length')
  local rules
  rules=$(curl -s http://127.0.0.1:9090/api/v1/rules | jq '[.data.groups[].rules[]] | length')
  if [[ "$up" == 6 && "$rules" -gt 0 ]]; then pass "10. Prometheus scrapes all 6 instances, with the alert rules" "$rules rules"
  else fail "10. Prometheus scrapes all 6 instances, with the alert rules" "up=$up rules=$rules"; fi
}
until_ok 40 bash -c '[[ $(curl -s http://127.0.0.1:9090/api/v1/targets | jq "[.data.activeTargets[] | select(.health == \"up\")] | length") == 6 ]]'
step_prometheus

# --- one broker down -------------------------------------------------------------------------------------------------
step_kill() {
  # SIGKILL: no controlled shutdown. Then "stop", so that the restart policy leaves it down for the next steps.
  podman kill redciudades-kafka-2 >/dev/null && podman stop redciudades-kafka-2 >/dev/null 2>&1
  if [[ $(podman inspect -f '{{.State.Running}}' redciudades-kafka-2) == false ]]; then
    pass "11. podman kill redciudades-kafka-2 (one of three brokers down)"
  else fail "11. podman kill redciudades-kafka-2"; return 1; fi
}
must step_kill

must step_register "12. with a broker down, Jorge registers (events-service-2): CONFIRMED" \
  "Jorge Castañeda Ruiz" "$JORGE_EMAIL" 18082 CONFIRMED
step_register "13. with a broker down, Lucía registers: WAITLISTED (2 seats taken)" \
  "Lucía Herrera Salas" "$LUCIA_EMAIL" 8082 WAITLISTED

step_mail_jorge() {
  if until_ok 90 mail_to "$JORGE_EMAIL" "Inscripción confirmada: $TITLE"; then
    pass "14. with a broker down, Jorge's confirmation is at the mail sink" "(outbox -> Kafka -> notification -> SMTP)"
  else fail "14. with a broker down, Jorge's confirmation is at the mail sink"; fi
  if until_ok 60 mail_to "$LUCIA_EMAIL" "Está en lista de espera: $TITLE"; then
    pass "15. with a broker down, Lucía's waiting-list email is at the mail sink"
  else fail "15. with a broker down, Lucía's waiting-list email is at the mail sink"; fi
}
step_mail_jorge

step_broker_back() {
  podman start redciudades-kafka-2 >/dev/null 2>&1
  local out
  if out=$(wait_healthy 120 redciudades-kafka-2); then pass "16. the broker is started again and answers" "($(elapsed))"
  else fail "16. the broker is started again and answers" "$out"; fi
}
step_broker_back

# --- figures ---------------------------------------------------------------------------------------------------------
echo
echo "Memory (podman stats --no-stream):"
podman stats --no-stream --format '{{.Name}}\t{{.MemUsage}}' $(podman ps --format '{{.Names}}' --filter label=io.podman.compose.project=redciudades) \
  | sort | tee "$work/stats.txt" | sed 's/^/  /'
awk -F'\t' '{ split($2, a, " / "); v = a[1]; n = v + 0;
  if (v ~ /GB/) n *= 1024; else if (v ~ /kB/) n /= 1024; total += n }
  END { printf "  total: %.0f MB in %d containers\n", total, NR }' "$work/stats.txt"
echo "Services, portal and Prometheus healthy ${apps_ready:-?} s after their start."

finish
[[ $failures -eq 0 ]]

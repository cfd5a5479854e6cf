#!/usr/bin/env bash
# fault-suite.sh — the fault-injection suite (issue 11; docs/faults.md): the real parts as separate processes, faults
# injected while a mixed load runs, and the invariants of DESIGN.md §5 checked afterwards in Postgres, S3 and Kafka.
#
#   scripts/fault-suite.sh                 all faults (15-18 min on 2 cores)
#   scripts/fault-suite.sh --ci            the bounded variant: 3 faults, small load (5-7 min); exit 1 if an invariant fails
#   scripts/fault-suite.sh --faults kill-broker,stall-s3      chosen faults (names: see docs/faults.md)
#   scripts/fault-suite.sh --brokers 3 --faults kill-one-broker   a three-broker KRaft cluster (replication factor 3,
#                                          min.insync.replicas 2), one broker SIGKILLed under load
#
# Topology: Postgres, a Kafka KRaft broker and S3Proxy started by `./catalog up --detach --infra-only` in their own
# state directory and ports, and two replicas of api-gateway, ingest-worker and approval-worker, each its own JVM from
# <module>/target/<module>-*-exec.jar, started and killed by the suite (fault-tests, io.catalogingest.faults.FaultSuite).
# Everything listens on 127.0.0.1, on a block of ports in 50000-50999 (see below). State (data, logs, the last table) lives
# in FAULTS_STATE_DIR [.local-faults], wiped at the start of every run. Everything started is stopped on exit, also on
# failure or Ctrl-C, and the whole run is bounded (FAULTS_TIMEOUT seconds).
#
# Knobs (environment): FAULTS_STATE_DIR [.local-faults]  FAULTS_SKIP_BUILD [0]  FAULTS_TIMEOUT [1800, --ci 600]
#   FAULTS_SERVICE_JAVA_OPTS []  FAULTS_UPC_BLOCK_PATH [/tenant/upc-blocks]  FAULTS_PORT_BLOCK [first free]  MVN_ARGS []
set -euo pipefail

ROOT="$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
STATE="$(realpath -m "${FAULTS_STATE_DIR:-$ROOT/.local-faults}")"
CI_MODE=0
BROKERS=1
SUITE_ARGS=()
while (($#)); do
  case $1 in
    --ci) CI_MODE=1; SUITE_ARGS+=("$1") ;;
    --brokers) BROKERS=${2:?--brokers needs a number}; shift ;;
    --brokers=*) BROKERS=${1#*=} ;;
    *) SUITE_ARGS+=("$1") ;;
  esac
  shift
done
[[ $BROKERS =~ ^[1-3]$ ]] || { echo "error: --brokers must be 1, 2 or 3" >&2; exit 2; }
: "${FAULTS_SKIP_BUILD:=0}"
if ((CI_MODE)); then : "${FAULTS_TIMEOUT:=600}"; else : "${FAULTS_TIMEOUT:=1800}"; fi
: "${MVN_ARGS:=}"

# Ports: a block of 200 in 50000-50999 (P = 50000, 50200, ... or FAULTS_PORT_BLOCK): Kafka P, its controller P+1
# (with --brokers 2 or 3: nodes at P+4/P+5, P+6/P+7, P+8/P+9), Postgres P+2, S3Proxy P+3, the services P+11..P+32 and
# their management ports P+111..P+132. These ports lie inside
# Linux's ephemeral range, so any outgoing connection on the machine may hold one as its local port: take the first
# block none of whose ports is in use by any socket at all.
ports_of_block() { local p=$1; echo "$p $((p + 1)) $((p + 2)) $((p + 3))"; for o in 4 5 6 7 8 9; do echo "$((p + o))"; done; for o in 11 12 21 22 31 32; do echo "$((p + o)) $((p + o + 100))"; done; }
block_unused() {
  local used port
  used=$(ss -Htan 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }' | sort -u)
  for port in $(ports_of_block "$1"); do
    grep -qx "$port" <<<"$used" && return 1
  done
  return 0
}
if [[ -z ${FAULTS_PORT_BLOCK:-} ]]; then
  for candidate in 50000 50200 50400 50600 50800; do
    if block_unused "$candidate"; then FAULTS_PORT_BLOCK=$candidate; break; fi
  done
  [[ -n ${FAULTS_PORT_BLOCK:-} ]] || { echo "error: no block of ports in 50000-50999 is free (see ss -tan)" >&2; exit 2; }
fi
P=$FAULTS_PORT_BLOCK

# The names ./catalog and the services read; our own ports, so that this never meets another pipeline on the machine.
export CATALOG_STATE_DIR="$STATE"
export CATALOG_KAFKA_BROKERS=$BROKERS
if ((BROKERS == 1)); then
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$P CATALOG_KAFKA_CONTROLLER_PORT=$((P + 1))
else
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((P + 4))
  for ((n = 2; n <= BROKERS; n++)); do KAFKA_BOOTSTRAP_SERVERS+=",127.0.0.1:$((P + 2 + 2 * n))"; done
  export KAFKA_BOOTSTRAP_SERVERS CATALOG_KAFKA_CONTROLLER_PORT=$((P + 5))
fi
# Kafka with SASL/SCRAM and ACLs, as ./catalog up runs it: the suite gives each service its own principal
# (KAFKA_USERNAME / KAFKA_PASSWORD from the published development passwords; the services run under 'local').
export KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_MECHANISM=SCRAM-SHA-512
export DB_URL=jdbc:postgresql://127.0.0.1:$((P + 2))/catalog DB_USER=catalog DB_PASSWORD=catalog
export S3_ENDPOINT=http://127.0.0.1:$((P + 3)) S3_PUBLIC_ENDPOINT=http://127.0.0.1:$((P + 3))
export S3_ACCESS_KEY=catalog S3_SECRET_KEY=catalog-secret-key-change-me
export S3_TEMP_BUCKET=catalog-uploads-temp S3_MEDIA_BUCKET=catalog-media
export JWT_SECRET='fault-suite-secret-at-least-32-bytes-long!!' JWT_ISSUER=catalog-ingest-local JWT_AUDIENCE=catalog-ingest
export TOPIC_PARTITIONS=6 FAULTS_BASE_PORT=$((P + 10))
export CATALOG_KAFKA_XMX=384m CATALOG_S3PROXY_XMX=256m
export GATEWAY_PORT=$((P + 11)) INGEST_WORKER_PORT=$((P + 21)) APPROVAL_WORKER_PORT=$((P + 31))

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SUITE_PID=""

# The service JVMs a run started (pid files checked against the command line): SIGKILL.
stop_services() {
  local f pid
  shopt -s nullglob
  for f in "$STATE"/run/faults-*.pid; do
    pid=$(<"$f")
    if [[ $pid =~ ^[0-9]+$ ]] && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "-Dcatalog.local.home=$STATE"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  shopt -u nullglob
}

# Stop what the suite started: its service JVMs, then ./catalog's infra.
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [[ -n $SUITE_PID ]] && kill -0 "$SUITE_PID" 2>/dev/null; then
    kill -TERM "$SUITE_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SUITE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SUITE_PID" 2>/dev/null || true
  fi
  stop_services
  # a stalled S3Proxy would not stop on SIGTERM
  if [[ -f $STATE/run/s3proxy.pid ]]; then kill -CONT "$(<"$STATE/run/s3proxy.pid")" 2>/dev/null || true; fi
  timeout 120 "$ROOT/catalog" down >/dev/null 2>&1 || echo "warning: ./catalog down (state $STATE) failed" >&2
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
if [[ -d $STATE ]]; then
  stop_services   # left by an earlier run that was killed
  timeout 120 ./catalog down >/dev/null 2>&1 || true
  rm -rf "$STATE"
fi
mkdir -p "$STATE/logs"

if [[ $FAULTS_SKIP_BUILD != 1 ]]; then
  echo "==> building the service jars and the suite: ./mvnw -B -q -DskipTests package"
  # shellcheck disable=SC2086 # MVN_ARGS is a list of options
  ./mvnw -B -q $MVN_ARGS -DskipTests package -pl api-gateway,ingest-worker,approval-worker,fault-tests,infra -am
fi
shopt -s nullglob
suite=(fault-tests/target/fault-tests-*-exec.jar)
shopt -u nullglob
((${#suite[@]})) || { echo "error: no fault-tests/target/fault-tests-*-exec.jar (build first)" >&2; exit 2; }

echo "==> starting Postgres, Kafka ($BROKERS broker(s)) and S3Proxy (state $STATE, ports $P-$((P + 199)))"
./catalog up --detach --infra-only >"$STATE/logs/catalog-up.log" 2>&1 || { tail -n 40 "$STATE/logs/catalog-up.log" >&2; exit 2; }

echo "==> running the suite (bounded to ${FAULTS_TIMEOUT}s; logs in $STATE/logs)"
timeout --signal=TERM --kill-after=30 "$FAULTS_TIMEOUT" \
  "$JAVA" -Xmx384m -XX:+UseSerialGC -jar "${suite[0]}" --root "$ROOT" --state "$STATE" "${SUITE_ARGS[@]}" &
SUITE_PID=$!
set +e
wait "$SUITE_PID"
status=$?
set -e
SUITE_PID=""
if ((status == 124)); then echo "error: the suite did not finish within ${FAULTS_TIMEOUT}s" >&2; fi
exit "$status"

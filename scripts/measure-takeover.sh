#!/usr/bin/env bash
# Measures how long the partitions of a SIGKILLed ingest-worker sit idle when another ingest-worker is running
# (docs/adr/0009): on a stack started with ./catalog up --detach (same environment), starts a second ingest-worker
# (port SECOND_WORKER_PORT, default 38089; health on its management port SECOND_WORKER_MANAGEMENT_PORT, default 38090), SIGKILLs the first, sends 24 async product creates at once (their
# random ids spread over every partition) and prints when the last of them was applied, counted from the kill.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${CATALOG_STATE_DIR:-$ROOT/.local}
GATEWAY="http://127.0.0.1:${GATEWAY_PORT:-8080}"
SECOND_PORT=${SECOND_WORKER_PORT:-38089}
SECOND_MANAGEMENT_PORT=${SECOND_WORKER_MANAGEMENT_PORT:-38090}
TOKEN=$("$ROOT/catalog" token --tenant takeover-ws --roles user)
now() { date +%s.%N; }

jar=$(ls "$ROOT"/ingest-worker/target/ingest-worker-*-exec.jar | head -1)
INGEST_WORKER_PORT=$SECOND_PORT INGEST_WORKER_MANAGEMENT_PORT=$SECOND_MANAGEMENT_PORT java -Xmx512m -jar "$jar" >"$STATE/logs/ingest-worker-2.log" 2>&1 &
second=$!
trap 'kill $second 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$SECOND_MANAGEMENT_PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; do sleep 1; done
sleep 5 # let the group settle with both members
echo "second ingest-worker (pid $second) is up"

pid=$(cat "$STATE/run/ingest-worker.pid")
kill -9 "$pid"
killed=$(now)
echo "SIGKILL first ingest-worker (pid $pid)"
ids=()
for i in $(seq 1 24); do
  ids+=("$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Prefer: respond-async' \
    -d '{"title":"takeover","type":"Audio","status":"active"}' "$GATEWAY/product" \
    | sed -n 's/.*"requestId":"\([0-9a-f-]*\)".*/\1/p')")
done
for id in "${ids[@]}"; do
  until curl -fsS -H "Authorization: Bearer $TOKEN" "$GATEWAY/requests/$id" | grep -q '"status":"succeeded"'; do
    sleep 0.2
  done
done
echo "all 24 creates sent after the kill applied $(echo "$(now) - $killed" | bc) s after the kill"

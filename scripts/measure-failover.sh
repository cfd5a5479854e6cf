#!/usr/bin/env bash
# Measures how long a SIGKILLed ingest-worker's partitions sit idle (issue 11 row 5, docs/adr/0009).
# Needs a stack started with ./catalog up --detach (same environment). Steps: a product create to warm up;
# SIGKILL of the ingest-worker; `./catalog up --detach` restarts it (and waits until it is healthy); async product
# creates every 0.25 s from the kill on; prints when the worker was healthy again and when the first create made after
# the kill got its outcome, both counted from the kill and from the restart.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${CATALOG_STATE_DIR:-$ROOT/.local}
GATEWAY="http://127.0.0.1:${GATEWAY_PORT:-8080}"
TOKEN=$("$ROOT/catalog" token --tenant failover-ws --roles user)
now() { date +%s.%N; }
create() { # create TITLE [PREFER]: prints the request id
  curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${2:+-H "Prefer: $2"} \
    -d "{\"title\":\"$1\",\"type\":\"Audio\",\"status\":\"active\"}" "$GATEWAY/product" -o /dev/null -w '%{http_code}\n'
}
outcome() { # outcome REQUEST_ID: prints the request's status
  curl -fsS -H "Authorization: Bearer $TOKEN" "$GATEWAY/requests/$1" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'
}

echo "warm-up create: $(create warm-up)"
pid=$(cat "$STATE/run/ingest-worker.pid")
kill -9 "$pid"
killed=$(now)
while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
echo "SIGKILL ingest-worker (pid $pid)"

ids_file=$(mktemp)
( while :; do
    id=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Prefer: respond-async' \
      -d '{"title":"after-kill","type":"Audio","status":"active"}' "$GATEWAY/product" \
      | sed -n 's/.*"requestId":"\([0-9a-f-]*\)".*/\1/p') || true
    [[ -n $id ]] && echo "$(now) $id" >>"$ids_file"
    sleep 0.25
  done ) &
loader=$!
trap 'kill $loader 2>/dev/null || true; rm -f "$ids_file"' EXIT

restart_begun=$(now)
"$ROOT/catalog" up --detach >/dev/null
healthy=$(now)
echo "restarted and healthy $(echo "$healthy - $killed" | bc) s after the kill (restart took $(echo "$healthy - $restart_begun" | bc) s)"

# the first create sent after the kill whose outcome is known
first_done=""
while [[ -z $first_done ]]; do
  read -r _ id < <(head -1 "$ids_file") || { sleep 0.2; continue; }
  if [[ $(outcome "$id") == succeeded ]]; then first_done=$(now); fi
  sleep 0.1
done
echo "first create made after the kill applied $(echo "$first_done - $killed" | bc) s after the kill," \
  "$(echo "$first_done - $healthy" | bc) s after the restarted worker was healthy"

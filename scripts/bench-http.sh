#!/usr/bin/env bash
# bench-http.sh — the gateway's HTTP paths side by side, in one run, against a running stack (./catalog up).
#
#   ./catalog up --detach && scripts/bench-http.sh
#
# For each connection count (16 and 64) and each path — the authenticated GET /product/{id} (baseline), POST /product
# synchronous (waits for the worker's outcome), POST /product asynchronous (Prefer: respond-async) and POST
# /product/bulk (BENCH_BULK_SIZE products a request) — it runs wrk for a warm-up (discarded) and then a measured
# interval, and prints one table: requests/s (items/s for bulk), p50 and p99 latency, the status codes seen, and the
# ratio to the GET at the same connection count. The machine's load average is printed beside the table; the load
# generator runs on the same machine as the stack, so state both when quoting a figure (docs/benchmarks/http.md).
#
# Knobs (environment): GATEWAY_URL [http://127.0.0.1:${GATEWAY_PORT:-8080}]  BENCH_TENANT [bench-http]
#   BENCH_CONNECTIONS ["16 64"]  BENCH_WARMUP [10s]  BENCH_DURATION [20s]  BENCH_THREADS [2]
#   BENCH_DRAIN_PROBES [12] (0: no drain after async/bulk)  BENCH_DRAIN_MAX [300] seconds
#   BENCH_CPU [1]: also print the CPU time each measured run cost every process of the stack (from /proc), per request
#   (per item for bulk) — a figure the machine's load hardly moves, unlike requests/s (see docs/benchmarks/http.md)
#   BENCH_MODES ["get sync async bulk"]  BENCH_NONCE_FILE [$CATALOG_STATE_DIR/bench-http.nonce]  BENCH_BULK_SIZE [100]  BENCH_UPC [given] (auto: the worker allocates from
#   the workspace's block, which then needs room for every product of the run)
# Needs wrk (apt-get install -y wrk), curl and jq. Only 127.0.0.1 is targeted; every wrk run stops by itself.
set -euo pipefail

ROOT="$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
: "${GATEWAY_URL:=http://127.0.0.1:${GATEWAY_PORT:-8080}}"
: "${BENCH_TENANT:=bench-http}"
: "${BENCH_CONNECTIONS:=16 64}"
: "${BENCH_WARMUP:=10s}"
: "${BENCH_DURATION:=20s}"
: "${BENCH_THREADS:=2}"
: "${BENCH_MODES:=get sync async bulk}"
: "${BENCH_BULK_SIZE:=100}"
: "${BENCH_UPC:=given}"
: "${BENCH_DRAIN_PROBES:=12}"
: "${BENCH_DRAIN_MAX:=300}"
: "${BENCH_CPU:=1}"

(( BENCH_THREADS >= 1 && BENCH_THREADS <= 9 )) || { echo "bench-http: BENCH_THREADS must be 1..9 (one digit of each UPC)" >&2; exit 2; }
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "bench-http: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
[[ $GATEWAY_URL =~ ^http://(127\.0\.0\.1|localhost)(:[0-9]+)?$ ]] \
  || { echo "bench-http: GATEWAY_URL must be a loopback http URL, got $GATEWAY_URL" >&2; exit 2; }

TOKEN="$("$ROOT/catalog" token --tenant "$BENCH_TENANT" --ttl 7200)"
export BENCH_TOKEN="$TOKEN" BENCH_BULK_SIZE BENCH_UPC
# every wrk run (warm-ups too) gets its own nonce, kept in a file from one invocation to the next: the given UPCs of
# one run never repeat another's, also across invocations against the same stack (a repeat would be a 409, not a 201)
NONCE_FILE="${BENCH_NONCE_FILE:-${CATALOG_STATE_DIR:-$ROOT/.local}/bench-http.nonce}"
mkdir -p "$(dirname "$NONCE_FILE")"
NONCE_BASE=$(cat "$NONCE_FILE" 2>/dev/null || echo $(( RANDOM % 10000 )))
RUNS=0

# the product the GET baseline reads
created="$(curl -fsS -X POST "$GATEWAY_URL/product" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"title":"Bench baseline","type":"Audio"}')" \
  || { echo "bench-http: could not create the baseline product at $GATEWAY_URL (is ./catalog up running?)" >&2; exit 1; }
BENCH_PRODUCT_ID="$(jq -r '.id // .product.id // .data.id' <<<"$created")"
export BENCH_PRODUCT_ID
[[ -n $BENCH_PRODUCT_ID && $BENCH_PRODUCT_ID != null ]] || { echo "bench-http: no product id in $created" >&2; exit 1; }


# CPU accounting: the stack's processes are the pid files of ./catalog's state directory (Postgres counts with its
# backends, the children of its postmaster: the live ones' own time, and through the postmaster's cutime + cstime the
# backends that exited during the run). cpu_ticks prints "name ticks" per process, from /proc/PID/stat (utime + stime,
# in clock ticks); the difference over a measured run divided by its requests is that process's CPU per request.
RUN_DIR="${CATALOG_STATE_DIR:-$ROOT/.local}/run"
TICK=$(getconf CLK_TCK)
CPU_NAMES=(api-gateway ingest-worker approval-worker webhook-dispatcher kafka postgres s3proxy)
ticks_of() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
reaped_ticks_of() { awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_ticks() {
  local name pid total child
  for name in "${CPU_NAMES[@]}"; do
    total=0
    for pid in $(cat "$RUN_DIR/$name.pid" "$RUN_DIR/$name"-*.pid 2>/dev/null); do
      total=$(( total + $(ticks_of "$pid") ))
      if [[ $name == postgres ]]; then
        total=$(( total + $(reaped_ticks_of "$pid") ))
        for child in $(pgrep -P "$pid"); do total=$(( total + $(ticks_of "$child") )); done
      fi
    done
    echo "$name $total"
  done
}
CPU_ROWS=()
cpu_row() { # cpu_row MODE CONNS BEFORE-FILE AFTER-FILE COUNT (requests, or items for bulk)
  local row
  row="$(awk -v mode="$1" -v conns="$2" -v n="$5" -v tick="$TICK" '
    FNR == NR { before[$1] = $2; next }
    { ms = ($2 - before[$1]) * 1000 / tick / n; total += ms; cells = cells sprintf(" %8.3f", ms) }
    END { printf "%-6s %5s %8d%s %8.3f", mode, conns, n, cells, total }' "$3" "$4")"
  CPU_ROWS+=("$row")
}

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

run() { # run MODE CONNECTIONS DURATION -> wrk's output file
  local mode=$1 conns=$2 duration=$3 file="$OUT/$1-$2-$3.txt"
  RUNS=$((RUNS + 1))
  echo $(( (NONCE_BASE + RUNS) % 10000 )) > "$NONCE_FILE"
  BENCH_NONCE=$(( (NONCE_BASE + RUNS) % 10000 )) BENCH_MODE=$mode wrk -t"$BENCH_THREADS" -c"$conns" -d"$duration" --timeout 30s -s "$ROOT/scripts/bench/http.lua" \
    "$GATEWAY_URL" > "$file" 2>&1 || true
  echo "$file"
}
value() { awk -v k="$1" '$1 == k { print $2 }' "$2" | tail -1; }

# drain: the async and bulk runs leave commands the worker is still applying when wrk stops; the next measurement
# would compete with that backlog. Send BENCH_DRAIN_PROBES asynchronous creates (spread over the partitions) and wait
# until every one has an outcome: the worker has then caught up. Prints the seconds it took.
drain() {
  local start ids=() id i deadline
  start=$(date +%s.%N); deadline=$(( $(date +%s) + BENCH_DRAIN_MAX ))
  for ((i = 0; i < BENCH_DRAIN_PROBES; i++)); do
    id="$(curl -fsS -X POST "$GATEWAY_URL/product" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -H 'Prefer: respond-async' -d '{"title":"Bench drain probe","type":"Audio"}' | jq -r .requestId)" || true
    [[ -n $id && $id != null ]] && ids+=("$id")
  done
  for id in "${ids[@]}"; do
    while [[ "$(curl -fsS "$GATEWAY_URL/requests/$id" -H "Authorization: Bearer $TOKEN" | jq -r .status)" == pending ]]; do
      (( $(date +%s) < deadline )) || { echo "timeout"; return; }
      sleep 0.5
    done
  done
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'
}

echo "bench-http: $GATEWAY_URL, tenant $BENCH_TENANT, $BENCH_THREADS wrk threads, warm-up $BENCH_WARMUP, measured $BENCH_DURATION"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '\n%-6s %5s %12s %9s %9s %7s  %s\n' path conns "req/s" "p50 ms" "p99 ms" "vs GET" statuses
for conns in $BENCH_CONNECTIONS; do
  get_rps=""
  for mode in $BENCH_MODES; do
    run "$mode" "$conns" "$BENCH_WARMUP" >/dev/null
    [[ $BENCH_CPU == 1 ]] && cpu_ticks > "$OUT/cpu-before"
    run "$mode" "$conns" "$BENCH_DURATION" >/dev/null
    file="$OUT/$mode-$conns-$BENCH_DURATION.txt"
    rps="$(value RPS "$file")"; p50="$(value P50_MS "$file")"; p99="$(value P99_MS "$file")"
    statuses="$(grep '^STATUSES' "$file" | cut -d' ' -f2- || true)"
    if [[ -z $rps ]]; then
      echo "bench-http: wrk failed for $mode at $conns connections:" >&2; cat "$file" >&2; exit 1
    fi
    unit="req/s"
    if [[ $mode == bulk ]]; then
      rps="$(awk -v r="$rps" -v n="$BENCH_BULK_SIZE" 'BEGIN { printf "%.1f", r * n }')"; unit="items/s"
    fi
    [[ $mode == get ]] && get_rps=$rps
    ratio="$( [[ -n $get_rps ]] && awk -v a="$rps" -v b="$get_rps" 'BEGIN { printf "%.2f", a / b }' || echo "-")"
    printf '%-6s %5s %12s %9s %9s %7s  %s\n' "$mode" "$conns" "$rps ${unit%%/s}" "$p50" "$p99" "$ratio" "$statuses"
    if [[ $mode == async || $mode == bulk ]] && (( BENCH_DRAIN_PROBES > 0 )); then
      echo "       (drained the worker's backlog in $(drain) s)"
    fi
    if [[ $BENCH_CPU == 1 ]]; then # after the drain: an accepted command's work is done by then
      cpu_ticks > "$OUT/cpu-after"
      count="$(tr ' ' '\n' <<<"$statuses" | awk -F= '$1 ~ /^[0-9]+$/ { n += $2 } END { print n + 0 }')"
      [[ $mode == bulk ]] && count=$(( count * BENCH_BULK_SIZE ))
      (( count > 0 )) && cpu_row "$mode" "$conns" "$OUT/cpu-before" "$OUT/cpu-after" "$count"
    fi
  done
done
if (( ${#CPU_ROWS[@]} > 0 )); then
  echo
  echo "CPU milliseconds per request (per item for bulk), every process of the stack, over the measured run (and the"
  echo "drain after async and bulk); \"vs GET\" is the GET's total over this one's: the throughput ratio to expect when"
  echo "the stack alone saturates the cores"
  printf '%-6s %5s %8s %8s %8s %8s %8s %8s %8s %8s %8s %7s\n' path conns requests gateway ingest approval webhook \
    kafka postgres s3proxy total "vs GET"
  get_total=""
  for row in "${CPU_ROWS[@]}"; do
    read -r mode conns _ _ _ _ _ _ _ _ total <<<"$row"
    [[ $mode == get ]] && get_total=$total
    ratio="$( [[ -n $get_total ]] && awk -v a="$get_total" -v b="$total" 'BEGIN { printf "%.2f", a / b }' || echo "-")"
    printf '%s %7s\n' "$row" "$ratio"
  done
fi
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

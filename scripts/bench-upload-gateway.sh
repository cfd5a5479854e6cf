#!/usr/bin/env bash
# bench-upload-gateway.sh — uploads through the REAL gateway of a running stack (./catalog up) against a direct PUT
# to the same S3 server, side by side in one run.
#
#   ./catalog up --detach && scripts/bench-upload-gateway.sh
#
# Unlike scripts/bench-upload.sh (the upload engine alone), every gateway upload here is the Royalti track upload
# POST /releases/{id}/tracks/{trackId}/media/file with a JWT: the release and track checks, the stream to the temp
# bucket, the RegisterMedia command over Kafka and the ingest-worker's inspection and registration, answered
# synchronously (200 once registered, as Royalti answers). Per scenario and round, interleaved:
#   direct : curl -T FILE, SigV4 (UNSIGNED-PAYLOAD), one PUT per file straight to the stack's S3 (temp bucket)
#   gateway: curl -F file=@FILE;type=audio/wav to one track each (N tracks of one draft release, N at once)
# Files are WAVs (a 44-byte RIFF header + random PCM bytes), 1 x BENCH_LARGE_MB and BENCH_CONCURRENCY x BENCH_SMALL_MB.
# Prints MB/s (10^6 bytes/s, all bytes of a round over its wall time), the ratio gateway/direct per round and their
# median, and the gateway's peak heap (jstat every 200 ms; the stack's -Xmx is CATALOG_SERVICE_XMX).
#
# Knobs (environment): GATEWAY_URL [http://127.0.0.1:${GATEWAY_PORT:-8080}]
#   GATEWAY_MANAGEMENT_URL [http://127.0.0.1:${GATEWAY_MANAGEMENT_PORT:-9180}]  S3_ENDPOINT [http://127.0.0.1:9000]
#   S3_ACCESS_KEY [catalog]  S3_SECRET_KEY [catalog-secret-key-change-me]  S3_TEMP_BUCKET [catalog-uploads-temp]
#   CATALOG_STATE_DIR [.local]  BENCH_ROUNDS [3]  BENCH_LARGE_MB [1024]  BENCH_SMALL_MB [100]  BENCH_CONCURRENCY [8]
#   BENCH_TENANT [bench-upload]  BENCH_DIR [system-tests/target/bench]
# Needs curl, jq, python3 and a JDK's jstat. Only loopback addresses are targeted.
set -euo pipefail

ROOT="$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
: "${GATEWAY_URL:=http://127.0.0.1:${GATEWAY_PORT:-8080}}"
: "${S3_ENDPOINT:=http://127.0.0.1:9000}"
: "${S3_ACCESS_KEY:=catalog}"
: "${S3_SECRET_KEY:=catalog-secret-key-change-me}"
: "${S3_TEMP_BUCKET:=catalog-uploads-temp}"
: "${CATALOG_STATE_DIR:=$ROOT/.local}"
: "${BENCH_ROUNDS:=3}"
: "${BENCH_LARGE_MB:=1024}"
: "${BENCH_SMALL_MB:=100}"
: "${BENCH_CONCURRENCY:=8}"
: "${BENCH_TENANT:=bench-upload}"
: "${BENCH_DIR:=$ROOT/system-tests/target/bench}"
JSTAT="${JAVA_HOME:+$JAVA_HOME/bin/}jstat"

for url in "$GATEWAY_URL" "$S3_ENDPOINT"; do
  [[ $url =~ ^http://(127\.0\.0\.1|localhost)(:[0-9]+)?$ ]] || { echo "bench-upload-gateway: $url is not loopback" >&2; exit 2; }
done
GW_PID=$(cat "$CATALOG_STATE_DIR/run/api-gateway.pid" 2>/dev/null || true)
[[ -n $GW_PID && -d /proc/$GW_PID ]] || { echo "bench-upload-gateway: no api-gateway of ./catalog up in $CATALOG_STATE_DIR" >&2; exit 1; }
# health is on the management port (GATEWAY_MANAGEMENT_PORT of ./catalog up)
: "${GATEWAY_MANAGEMENT_URL:=http://127.0.0.1:${GATEWAY_MANAGEMENT_PORT:-9180}}"
curl -fsS -o /dev/null "$GATEWAY_MANAGEMENT_URL/actuator/health" || { echo "bench-upload-gateway: the gateway does not answer" >&2; exit 1; }

mkdir -p "$BENCH_DIR"
RUN="$(mktemp -d "$BENCH_DIR/gw-run.XXXXXX")"
HEAP_PID=""
cleanup() { [[ -n $HEAP_PID ]] && kill "$HEAP_PID" 2>/dev/null; rm -rf "$RUN"; }
trap cleanup EXIT
now() { date +%s.%N; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", b / t / 1e6 }'; }
SIGV4=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")

make_wav() { # make_wav MB -> path: a RIFF/WAVE header (16-bit stereo 44.1 kHz) and random samples, made once
  local path="$BENCH_DIR/bench-$1MiB.wav"
  if [[ ! -f $path || $(stat -c %s "$path") != $(( $1 * 1048576 )) ]]; then
    python3 - "$path.tmp" $(( $1 * 1048576 )) <<'PY'
import struct, sys
path, total = sys.argv[1], int(sys.argv[2])
data = total - 44
with open(path, 'wb') as f:
    f.write(b'RIFF' + struct.pack('<I', total - 8) + b'WAVE' + b'fmt ' + struct.pack('<IHHIIHH', 16, 1, 2, 44100, 176400, 4, 16)
            + b'data' + struct.pack('<I', data))
PY
    head -c $(( $1 * 1048576 - 44 )) /dev/urandom >> "$path.tmp" && mv "$path.tmp" "$path"
  fi
  echo "$path"
}
LARGE=$(make_wav "$BENCH_LARGE_MB")
SMALL=$(make_wav "$BENCH_SMALL_MB")

TOKEN=$("$ROOT/catalog" token --tenant "$BENCH_TENANT" --ttl 7200)
TRACKS_JSON=$(for ((i = 1; i <= BENCH_CONCURRENCY; i++)); do printf '{"title":"Track %d"}\n' "$i"; done | jq -s .)
RELEASE=$(curl -fsS -X POST "$GATEWAY_URL/releases" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "$(jq -n --argjson tracks "$TRACKS_JSON" '{title:"Upload Bench", displayArtist:"Bench Artist",
        artists:{"Bench Artist":"primary"}, type:"Audio", label:"Bench Records", tracks:$tracks}')")
RELEASE_ID=$(jq -r .data.id <<<"$RELEASE")
mapfile -t TRACK_IDS < <(jq -r '.data.tracks[].id' <<<"$RELEASE")

heap_start() { "$JSTAT" -gc "$GW_PID" 200 > "$RUN/jstat.txt" 2>/dev/null & HEAP_PID=$!; }
heap_stop() { # prints the peak heap used (incl. garbage) in MiB
  kill "$HEAP_PID" 2>/dev/null || true; wait "$HEAP_PID" 2>/dev/null || true; HEAP_PID=""
  awk 'NR==1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
       $1 ~ /^[0-9.]+$/ { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > u) u = used }
       END { printf "%.0f", u / 1024 }' "$RUN/jstat.txt"
}

round() { # round MODE FILE N -> prints "seconds [peakHeapMiB]"
  local mode=$1 file=$2 n=$3 i start end pids=() heap=""
  [[ $mode == gateway ]] && heap_start
  start=$(now)
  for ((i = 1; i <= n; i++)); do
    if [[ $mode == direct ]]; then
      curl -s -o "$RUN/out.$i" -w '%{http_code}' "${SIGV4[@]}" -T "$file" "$S3_ENDPOINT/$S3_TEMP_BUCKET/bench-direct/$i" > "$RUN/code.$i" &
    else
      curl -s -o "$RUN/out.$i" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F "file=@$file;type=audio/wav" \
        "$GATEWAY_URL/releases/$RELEASE_ID/tracks/${TRACK_IDS[i - 1]}/media/file" > "$RUN/code.$i" &
    fi
    pids+=($!)
  done
  wait "${pids[@]}" || true
  end=$(now)
  [[ $mode == gateway ]] && heap=$(heap_stop)
  for ((i = 1; i <= n; i++)); do
    local code; code=$(cat "$RUN/code.$i")
    if [[ $mode == direct && $code != 200 ]] || [[ $mode == gateway && $code != 200 ]]; then
      echo "$mode upload $i: HTTP $code $(head -c 400 "$RUN/out.$i")" >&2; exit 1
    fi
  done
  awk -v s="$start" -v e="$end" -v h="$heap" 'BEGIN { printf "%.3f %s\n", e - s, h }'
}

echo "bench-upload-gateway: gateway $GATEWAY_URL (pid $GW_PID, $(tr '\0' ' ' < "/proc/$GW_PID/cmdline" | grep -o -- '-Xmx[^ ]*' || echo 'no -Xmx')), S3 $S3_ENDPOINT, release $RELEASE_ID"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
round direct "$SMALL" 1 >/dev/null; round gateway "$SMALL" 1 >/dev/null   # warm-up, discarded

SUMMARY=()
scenario() { # scenario FILE N LABEL
  local file=$1 n=$2 label=$3 r d g h ratios="" peak=0
  local bytes=$(( $(stat -c %s "$file") * n ))
  echo "==> $label"
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    read -r d _ < <(round direct "$file" "$n")
    read -r g h < <(round gateway "$file" "$n")
    local ratio; ratio=$(awk -v d="$d" -v g="$g" 'BEGIN { printf "%.2f", d / g }')
    printf '    round %d: direct %7s MB/s   gateway %7s MB/s   ratio %s   gateway heap peak %s MiB   load %s\n' \
      "$r" "$(mbps "$bytes" "$d")" "$(mbps "$bytes" "$g")" "$ratio" "$h" "$(cut -d' ' -f1 /proc/loadavg)"
    ratios="$ratios $ratio"; (( h > peak )) && peak=$h
  done
  local median; median=$(tr ' ' '\n' <<< "$ratios" | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  SUMMARY+=("$(printf '%-16s median ratio %s (rounds:%s), gateway peak heap %s MiB' "$label" "$median" "$ratios" "$peak")")
}
scenario "$LARGE" 1 "1 x $BENCH_LARGE_MB MiB"
scenario "$SMALL" "$BENCH_CONCURRENCY" "$BENCH_CONCURRENCY x $BENCH_SMALL_MB MiB"
for ((i = 1; i <= BENCH_CONCURRENCY; i++)); do curl -s -o /dev/null "${SIGV4[@]}" -X DELETE "$S3_ENDPOINT/$S3_TEMP_BUCKET/bench-direct/$i"; done
echo
printf '%s\n' "${SUMMARY[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

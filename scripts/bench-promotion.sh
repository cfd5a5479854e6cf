#!/usr/bin/env bash
# bench-promotion.sh — promotion of a real album: time from ReleaseApproved to ReleaseCompleted, beside the same
# server-side copies made directly with a plain S3 client (curl, SigV4) against the same S3 server, in the same run.
#
#   ./catalog up --detach                  (with the same environment as below)
#   scripts/bench-promotion.sh
#
# Workload: a release of BENCH_TRACKS (12) tracks, each a ~BENCH_TRACK_SECONDS (227 s, ~40 MB) 44.1 kHz 16-bit
# stereo WAV of noise (sox), and a BENCH_COVER_PX × BENCH_COVER_PX (3000) truecolour PNG cover of noise (~27 MB),
# uploaded through the gateway (every file is above the 8 MiB part size: each track is one streamed PUT, ADR 0020; the
# cover, sent to the multi-file endpoint, a multipart upload), submitted, then
# approved by a ReleaseApproved published with kcat, as docs/review-events.md says.
#
# Measured:
#   pipeline  Kafka timestamp of ReleaseApproved → Kafka timestamp of ReleaseCompleted (both records on the broker).
#   direct    the same 13 copies, made with boto3: HEAD, then CopyObject with x-amz-copy-source-if-match and
#             x-amz-metadata-directive: REPLACE (+ x-amz-meta-sha256), BENCH_PARALLEL (4, = the worker's
#             catalog.promotion.parallel-copies) at a time, into a scratch prefix of the media bucket; once before the
#             approval (from the uploads) and once after (from the permanent objects); the scratch copies are removed.
#   jvm bytes the approval-worker process's CPU seconds and its read/write syscall bytes (/proc/PID/io rchar, wchar:
#             files and sockets) over the promotion, per GiB promoted. A JVM that streamed the objects would show at
#             least 2 bytes of I/O per byte copied; server-side copies leave it at S3 and Kafka request sizes.
# Then every permanent object is downloaded and its SHA-256 compared with the local file's.
#
# Environment: the ./catalog variables (GATEWAY_PORT, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_TEMP_BUCKET,
# S3_MEDIA_BUCKET, KAFKA_BOOTSTRAP_SERVERS, CATALOG_STATE_DIR, JWT_*), and BENCH_TRACKS [12] BENCH_TRACK_SECONDS [227]
# BENCH_COVER_PX [3000] BENCH_PARALLEL [4] BENCH_TENANT [bench-promotion] BENCH_DIR [system-tests/target/bench]
# BENCH_KEEP_FILES [0]. Needs sox, kcat, curl, jq, python3 with boto3 (awscli brings it). docs/benchmarks/promotion.md has the figures.
set -euo pipefail

ROOT="$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
: "${GATEWAY_PORT:=8080}"
: "${S3_ENDPOINT:=http://127.0.0.1:9000}"
: "${S3_ACCESS_KEY:=catalog}"
: "${S3_SECRET_KEY:=catalog-secret-key-change-me}"
: "${S3_TEMP_BUCKET:=catalog-uploads-temp}"
: "${S3_MEDIA_BUCKET:=catalog-media}"
: "${KAFKA_BOOTSTRAP_SERVERS:=127.0.0.1:9092}"
# ./catalog up's Kafka takes SASL/SCRAM logins only (docs/security.md): kcat approves as the review publisher and reads
# timestamps as the admin. librdkafka must be 2.6.1 or newer (Debian 12's 2.0.2 cannot log in to Kafka 4; README).
: "${KAFKA_SECURITY_PROTOCOL:=SASL_PLAINTEXT}"
: "${KAFKA_SASL_MECHANISM:=SCRAM-SHA-512}"
: "${KAFKA_REVIEW_PUBLISHER_PASSWORD:=review-publisher-kafka-secret-change-me}"
: "${KAFKA_ADMIN_PASSWORD:=admin-kafka-secret-change-me}"
kcat_as() { # kcat_as USER PASSWORD KCAT-ARGS...
  local user=$1 password=$2; shift 2
  if [[ $KAFKA_SECURITY_PROTOCOL == SASL_* ]]; then
    kcat -X "security.protocol=$KAFKA_SECURITY_PROTOCOL" -X "sasl.mechanisms=$KAFKA_SASL_MECHANISM" \
      -X "sasl.username=$user" -X "sasl.password=$password" "$@"
  else
    kcat "$@"
  fi
}
: "${BENCH_TRACKS:=12}"
: "${BENCH_TRACK_SECONDS:=227}"
: "${BENCH_COVER_PX:=3000}"
: "${BENCH_PARALLEL:=4}"
: "${BENCH_TENANT:=bench-promotion}"
: "${BENCH_DIR:=$ROOT/system-tests/target/bench}"
: "${BENCH_KEEP_FILES:=0}"
STATE="$(realpath -m "${CATALOG_STATE_DIR:-$ROOT/.local}")"
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
SIGV4=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")

for tool in sox kcat curl jq python3; do
  command -v "$tool" >/dev/null || { echo "bench-promotion: $tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done
mkdir -p "$BENCH_DIR"
RUN="$(mktemp -d "$BENCH_DIR/promotion.XXXXXX")"
cleanup() { [[ $BENCH_KEEP_FILES == 1 ]] || rm -f "$RUN"/*.wav "$RUN"/*.png; }
trap cleanup EXIT
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }

WORKER_PID=$(cat "$STATE/run/approval-worker.pid" 2>/dev/null || true)
[[ -n $WORKER_PID && -r /proc/$WORKER_PID/io ]] || { echo "bench-promotion: no approval-worker of ./catalog up in $STATE" >&2; exit 1; }
curl -fsS "http://127.0.0.1:${GATEWAY_MANAGEMENT_PORT:-9180}/actuator/health" >/dev/null \
  || { echo "bench-promotion: the gateway does not answer on its management port ${GATEWAY_MANAGEMENT_PORT:-9180}" >&2; exit 1; }
TOKEN=$("$ROOT/catalog" token --tenant "$BENCH_TENANT")

# ---- files ---------------------------------------------------------------------------------------------------
log "generating $BENCH_TRACKS WAVs of ${BENCH_TRACK_SECONDS}s and a ${BENCH_COVER_PX}px PNG in $RUN"
for ((i = 1; i <= BENCH_TRACKS; i++)); do
  sox -n -r 44100 -c 2 -b 16 "$RUN/track$i.wav" synth "$BENCH_TRACK_SECONDS" whitenoise vol 0.3
done
python3 - "$RUN/cover.png" "$BENCH_COVER_PX" <<'PY'
import os, struct, sys, zlib
path, px = sys.argv[1], int(sys.argv[2])
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
raw = b''.join(b'\0' + os.urandom(px * 3) for _ in range(px))
with open(path, 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', px, px, 8, 2, 0, 0, 0)))
    f.write(chunk(b'IDAT', zlib.compress(raw, 1)) + chunk(b'IEND', b''))
PY
TOTAL_BYTES=$(cat "$RUN"/*.wav "$RUN"/cover.png | wc -c)

# ---- release, uploads, submit ----------------------------------------------------------------------------------
TRACKS_JSON=$(for ((i = 1; i <= BENCH_TRACKS; i++)); do printf '{"title":"Track %d"}\n' "$i"; done | jq -s .)
RELEASE=$(curl -fsS -X POST "$GATEWAY/releases" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "$(jq -n --argjson tracks "$TRACKS_JSON" '{title:"Promotion Bench Album", displayArtist:"Bench Artist",
        artists:{"Bench Artist":"primary"}, type:"Audio", label:"Bench Records", tracks:$tracks}')")
RELEASE_ID=$(jq -r .data.id <<<"$RELEASE")
mapfile -t TRACK_IDS < <(jq -r '.data.tracks[].id' <<<"$RELEASE")
log "release $RELEASE_ID: uploading $((BENCH_TRACKS + 1)) files, $TOTAL_BYTES bytes"
started=$(now)
for ((i = 1; i <= BENCH_TRACKS; i++)); do
  curl -fsS -o /dev/null -X POST "$GATEWAY/releases/$RELEASE_ID/tracks/${TRACK_IDS[i - 1]}/media/file" \
    -H "Authorization: Bearer $TOKEN" -F "file=@$RUN/track$i.wav;type=audio/wav"
done
curl -fsS -o /dev/null -X POST "$GATEWAY/releases/$RELEASE_ID/media/files" -H "Authorization: Bearer $TOKEN" \
  -F "files=@$RUN/cover.png;type=image/png"
UPLOAD_SECONDS=$(echo "$(now) - $started" | bc)
for ((tries = 0; tries < 600; tries++)); do
  MEDIA=$(curl -fsS "$GATEWAY/releases/$RELEASE_ID/media" -H "Authorization: Bearer $TOKEN")
  [[ $(jq '[.data[] | select(.status == "registered")] | length' <<<"$MEDIA") == $((BENCH_TRACKS + 1)) ]] && break
  sleep 0.2
done
curl -fsS -o /dev/null -X POST "$GATEWAY/releases/$RELEASE_ID/submit" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{}'

# the upload objects (bucket/key from the presigned URLs) with their size and sha256
jq -r '.data[] | [.cloudId, (.cloudUrl | sub("^https?://[^/]+/"; "") | sub("\\?.*$"; "")), .metadata.sha256,
        .metadata.fileSize] | @tsv' <<<"$MEDIA" >"$RUN/objects.tsv"

# ---- direct copies ---------------------------------------------------------------------------------------------
# The plain S3 client is boto3 (the AWS SDK for Python), one process, BENCH_PARALLEL threads: HEAD for the ETag, then
# CopyObject with CopySourceIfMatch and MetadataDirective REPLACE. (curl 7.88's --aws-sigv4 sorts
# x-amz-copy-source-if-match before x-amz-copy-source when signing, so S3 servers answer SignatureDoesNotMatch.)
# direct_copies FROM LABEL: the copies from the uploads (FROM=upload) or the permanent objects (FROM=media) into
# bench-direct-LABEL/ of the media bucket; prints the seconds they took, then removes them
direct_copies() {
  python3 - "$1" "$2" "$RUN/objects.tsv" "$S3_ENDPOINT" "$S3_ACCESS_KEY" "$S3_SECRET_KEY" "$S3_MEDIA_BUCKET" \
      "$BENCH_PARALLEL" <<'PY'
import sys, time, concurrent.futures, boto3
from botocore.config import Config
source_kind, label, objects, endpoint, access, secret, media, parallel = sys.argv[1:9]
s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=access, aws_secret_access_key=secret,
                  region_name="us-east-1", config=Config(s3={"addressing_style": "path"},
                                                         max_pool_connections=int(parallel) * 2))
copies = []
for line in open(objects):
    cloud, upload, sha, _ = line.rstrip("\n").split("\t")
    bucket, key = (upload.split("/", 1) if source_kind == "upload" else (media, cloud))
    copies.append((bucket, key, "bench-direct-%s/%s" % (label, cloud), sha))
s3.head_bucket(Bucket=media)  # connection and credentials ready before the clock starts
def copy(item):
    bucket, key, target, sha = item
    etag = s3.head_object(Bucket=bucket, Key=key)["ETag"]
    s3.copy_object(Bucket=media, Key=target, CopySource={"Bucket": bucket, "Key": key}, CopySourceIfMatch=etag,
                   MetadataDirective="REPLACE", Metadata={"sha256": sha})
started = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(int(parallel)) as pool:
    list(pool.map(copy, copies))
print("%.3f" % (time.monotonic() - started))
for _, _, target, _ in copies:
    s3.delete_object(Bucket=media, Key=target)
PY
}
log "direct copies (before the approval)"
DIRECT_BEFORE=$(direct_copies upload before)

# ---- the approval ----------------------------------------------------------------------------------------------
read -r cpu_before < <(awk '{ print $14 + $15 }' "/proc/$WORKER_PID/stat")
rchar_before=$(awk '/^rchar/ { print $2 }' "/proc/$WORKER_PID/io")
wchar_before=$(awk '/^wchar/ { print $2 }' "/proc/$WORKER_PID/io")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
REVIEW_ID=$(cat /proc/sys/kernel/random/uuid)
log "approving with kcat (ce_id $REVIEW_ID)"
printf '{"releaseId":"%s","reviewerId":"bench-review-service","feedback":"Approved for distribution."}' "$RELEASE_ID" |
  kcat_as review-publisher "$KAFKA_REVIEW_PUBLISHER_PASSWORD" -P -b "$KAFKA_BOOTSTRAP_SERVERS" -t catalog.release-reviews.v1 -k "$RELEASE_ID" \
    -H ce_specversion=1.0 -H "ce_id=$REVIEW_ID" -H ce_source=/bench-review-service \
    -H ce_type=catalog.release.approved.v1 -H "ce_time=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    -H "ce_subject=$RELEASE_ID" -H "ce_tenantid=$BENCH_TENANT" -H content-type=application/json
for ((tries = 0; tries < 3000; tries++)); do
  STATUS=$(curl -fsS "$GATEWAY/releases/$RELEASE_ID" -H "Authorization: Bearer $TOKEN" | jq -r .data.status)
  [[ $STATUS == completed || $STATUS == rejected ]] && break
  sleep 0.1
done
read -r cpu_after < <(awk '{ print $14 + $15 }' "/proc/$WORKER_PID/stat")
rchar_after=$(awk '/^rchar/ { print $2 }' "/proc/$WORKER_PID/io")
wchar_after=$(awk '/^wchar/ { print $2 }' "/proc/$WORKER_PID/io")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
[[ $STATUS == completed ]] || { echo "bench-promotion: release $RELEASE_ID ended $STATUS" >&2; exit 1; }
kafka_ts() { # kafka_ts TOPIC CE_TYPE: the broker timestamp (ms) of the release's record of that type
  kcat_as admin "$KAFKA_ADMIN_PASSWORD" -C -b "$KAFKA_BOOTSTRAP_SERVERS" -t "$1" -o beginning -e -q -f '%k\t%T\t%h\n' 2>/dev/null |
    awk -F'\t' -v key="$RELEASE_ID" -v type="ce_type=$2" '$1 == key && index($3, type) { print $2 }' | tail -1
}
APPROVED_MS=$(kafka_ts catalog.release-reviews.v1 catalog.release.approved.v1)
COMPLETED_MS=$(kafka_ts catalog.release-events.v1 catalog.release.completed.v1)
PIPELINE=$(echo "scale=3; ($COMPLETED_MS - $APPROVED_MS) / 1000" | bc)

log "direct copies (after the approval)"
DIRECT_AFTER=$(direct_copies media after)

# ---- every permanent object serves the uploaded bytes ----------------------------------------------------------
MISMATCHES=0
for ((i = 1; i <= BENCH_TRACKS; i++)); do
  key="$BENCH_TENANT/releases/$RELEASE_ID/tracks/${TRACK_IDS[i - 1]}/file.wav"
  got=$(curl -fsS "${SIGV4[@]}" "$S3_ENDPOINT/$S3_MEDIA_BUCKET/$key" | sha256sum | cut -d' ' -f1)
  want=$(sha256sum "$RUN/track$i.wav" | cut -d' ' -f1)
  [[ $got == "$want" ]] || { echo "MISMATCH $key" >&2; MISMATCHES=$((MISMATCHES + 1)); }
done
key="$BENCH_TENANT/releases/$RELEASE_ID/release/cover.png"
[[ $(curl -fsS "${SIGV4[@]}" "$S3_ENDPOINT/$S3_MEDIA_BUCKET/$key" | sha256sum | cut -d' ' -f1) == \
   $(sha256sum "$RUN/cover.png" | cut -d' ' -f1) ]] || { echo "MISMATCH $key" >&2; MISMATCHES=$((MISMATCHES + 1)); }

# ---- report ----------------------------------------------------------------------------------------------------
TICKS=$(getconf CLK_TCK)
awk -v p="$PIPELINE" -v b="$DIRECT_BEFORE" -v a="$DIRECT_AFTER" -v bytes="$TOTAL_BYTES" \
    -v cpu=$(( cpu_after - cpu_before )) -v ticks="$TICKS" -v r=$(( rchar_after - rchar_before )) \
    -v w=$(( wchar_after - wchar_before )) -v up="$UPLOAD_SECONDS" -v files=$((BENCH_TRACKS + 1)) \
    -v lb="$LOAD_BEFORE" -v la="$LOAD_AFTER" -v mism="$MISMATCHES" -v release="$RELEASE_ID" 'BEGIN {
  gib = bytes / 1073741824; direct = (a + b) / 2
  printf "release %s: %d files, %.1f MB (%.3f GiB), uploaded through the gateway in %.1f s\n", release, files, bytes / 1e6, gib, up
  printf "pipeline  ReleaseApproved -> ReleaseCompleted (Kafka timestamps): %.2f s\n", p
  printf "direct    same copies with boto3, before / after: %.2f s / %.2f s (mean %.2f s)\n", b, a, direct
  printf "ratio     pipeline / direct: %.2f (goal <= 1.2)\n", p / direct
  printf "approval-worker over the promotion: CPU %.2f s (%.2f s per GiB), read %.2f MB, written %.2f MB (%.4f bytes per byte promoted)\n", cpu / ticks, cpu / ticks / gib, r / 1e6, w / 1e6, (r + w) / bytes
  printf "load average before / after: %s / %s; permanent objects not matching the upload: %d\n", lb, la, mism
}'

#!/usr/bin/env bash
# bench-upload.sh — upload throughput of the gateway's streaming engine against a direct PUT to the same S3 server.
#
#   scripts/bench-upload.sh            build, then run 1 x 1 GiB and 8 x 100 MiB, 3 rounds each
#
# Starts its own S3Proxy (filesystem backend, as the tests and ./catalog do) and the upload path of the gateway
# (system-tests' io.catalogingest.system.bench.UploadBenchGateway: Tomcat 11 + Spring MVC + gateway.upload, no
# Kafka/Postgres/JWT) as a separate JVM with -Xmx256m, then for each scenario and round, interleaved:
#   direct : curl -T FILE, SigV4 (UNSIGNED-PAYLOAD), one PUT per file straight to S3Proxy
#   gateway: curl -F files=@FILE to POST /bench/upload (multipart/form-data, streamed to S3 by ObjectUploader)
# and prints MB/s (10^6 bytes/s, all files of a round over its wall time), the ratio gateway/direct, and the
# gateway's heap (jstat samples every 200 ms: peak used incl. garbage, and peak old generation). Every gateway
# object is checked (size, x-amz-meta-sha256); one of each size is downloaded and hashed; no multipart upload may
# be left incomplete. Nothing here runs in the normal test suite. docs/benchmarks/uploads.md has the figures.
#
# Knobs (environment): BENCH_ROUNDS [3]  BENCH_LARGE_MB [1024]  BENCH_SMALL_MB [100]  BENCH_CONCURRENCY [8]
#   BENCH_HEAP [256m]  BENCH_GATEWAY_OPTS [] (e.g. "-Dcatalog.upload.part-size=16MB")
#   BENCH_MINIO [0] (1: also time the obvious design, FileUpload2 + MinIO putObject, at /bench/upload-minio, for the
#   single upload; 2: also at 8 concurrent, where it runs out of heap at -Xmx256m)
#   BENCH_SINGLE [true] (read each request as the track upload does, MultipartUploadReader.forSingleFile: a file
#   larger than a part is one streamed PUT; false: forEachPart, a multipart upload)
#   BENCH_DIR [system-tests/target/bench]  MVN_ARGS [] (e.g. -o)
set -euo pipefail

ROOT="$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
: "${BENCH_ROUNDS:=3}"
: "${BENCH_LARGE_MB:=1024}"
: "${BENCH_SMALL_MB:=100}"
: "${BENCH_CONCURRENCY:=8}"
: "${BENCH_HEAP:=256m}"
: "${BENCH_GATEWAY_OPTS:=}"
: "${BENCH_MINIO:=0}"
: "${BENCH_SINGLE:=true}"
: "${BENCH_DIR:=$ROOT/system-tests/target/bench}"
: "${MVN_ARGS:=}"
ACCESS_KEY=bench
SECRET_KEY=bench-secret-key
BUCKET=bench
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JSTAT="${JAVA_HOME:+$JAVA_HOME/bin/}jstat"

mkdir -p "$BENCH_DIR"
RUN="$(mktemp -d "$BENCH_DIR/run.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$RUN/s3data"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", b / t / 1e6 }'; }

# ---- build ---------------------------------------------------------------------------------------------------
cd "$ROOT"
# One reactor run compiles the modules and prints system-tests' classpath: the project's own modules resolve to their
# target/classes. Nothing is installed into ~/.m2, which other worktrees share (a classpath resolved without the
# reactor would take whatever SNAPSHOT another build installed there), and no jar is rewritten (a running
# ./catalog up keeps its jars).
echo "==> compiling the modules (no install, no packaging) and resolving the bench harness's classpath"
./mvnw -B -q $MVN_ARGS compile dependency:build-classpath -pl system-tests -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$RUN/classpath.txt" >/dev/null
# The harness is compiled here, not in system-tests/target, which a concurrent `mvn clean` may wipe.
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -parameters -d "$RUN/classes" -cp "$(cat "$RUN/classpath.txt")" \
  "$ROOT/system-tests/src/test/java/io/catalogingest/system/bench/UploadBenchGateway.java"
CP="$RUN/classes:$(cat "$RUN/classpath.txt")"

S3PROXY_VERSION=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml)
S3PROXY_JAR="$HOME/.m2/repository/org/gaul/s3proxy/$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
[[ -f $S3PROXY_JAR ]] || ./mvnw -B -q $MVN_ARGS dependency:get -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -Dtransitive=false

# ---- S3Proxy -------------------------------------------------------------------------------------------------
S3_PORT=$(free_port)
S3="http://127.0.0.1:$S3_PORT"
mkdir -p "$RUN/s3data"
cat > "$RUN/s3proxy.properties" <<PROPS
s3proxy.endpoint=$S3
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
s3proxy.v4-max-non-chunked-request-size=1073741824
jclouds.provider=filesystem
jclouds.filesystem.basedir=$RUN/s3data
PROPS
"$JAVA" -Xmx512m -XX:+UseSerialGC -jar "$S3PROXY_JAR" --properties "$RUN/s3proxy.properties" >"$RUN/s3proxy.log" 2>&1 &
PIDS+=($!)
SIGV4=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$ACCESS_KEY:$SECRET_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
for _ in $(seq 100); do curl -s -o /dev/null "$S3/" && break; sleep 0.2; done
curl -sf -o /dev/null "${SIGV4[@]}" -X PUT "$S3/$BUCKET"

# ---- gateway upload path -------------------------------------------------------------------------------------
GW_PORT=$(free_port)
GW="http://127.0.0.1:$GW_PORT"
# shellcheck disable=SC2086
"$JAVA" -Xmx"$BENCH_HEAP" -XX:+UseG1GC $BENCH_GATEWAY_OPTS -cp "$CP" io.catalogingest.system.bench.UploadBenchGateway \
  --server.port="$GW_PORT" --catalog.storage.endpoint="$S3" --catalog.storage.access-key="$ACCESS_KEY" \
  --catalog.storage.secret-key="$SECRET_KEY" --catalog.upload.max-file-size=4GB --catalog.upload.max-request-size=5GB \
  >"$RUN/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=($GW_PID)
for _ in $(seq 300); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$GW/bench/upload?bucket=$BUCKET" || true)
  [[ $code != 000 ]] && break
  kill -0 "$GW_PID" 2>/dev/null || { tail -40 "$RUN/gateway.log"; echo "gateway did not start" >&2; exit 1; }
  sleep 0.2
done

# ---- files ---------------------------------------------------------------------------------------------------
make_file() { # make_file MB -> path (random bytes, made once)
  local path="$BENCH_DIR/file-$1MiB.bin"
  if [[ ! -f $path || $(stat -c %s "$path") != $(( $1 * 1048576 )) ]]; then
    head -c $(( $1 * 1048576 )) /dev/urandom > "$path.tmp" && mv "$path.tmp" "$path"
  fi
  echo "$path"
}
LARGE=$(make_file "$BENCH_LARGE_MB")
SMALL=$(make_file "$BENCH_SMALL_MB")
declare -A SHA
SHA[$LARGE]=$(sha256sum "$LARGE" | cut -d' ' -f1)
SHA[$SMALL]=$(sha256sum "$SMALL" | cut -d' ' -f1)

# ---- one timed round -----------------------------------------------------------------------------------------
heap_start() { "$JSTAT" -gc "$GW_PID" 200 > "$RUN/jstat.txt" 2>/dev/null & HEAP_PID=$!; }
heap_stop() { # prints "peakUsedMiB peakOldMiB"
  kill "$HEAP_PID" 2>/dev/null || true; wait "$HEAP_PID" 2>/dev/null || true
  awk 'NR==1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
       $1 ~ /^[0-9.]+$/ { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > u) u = used; if ($col["OU"] > o) o = $col["OU"] }
       END { printf "%.0f %.0f", u / 1024, o / 1024 }' "$RUN/jstat.txt"
}

round() { # round MODE FILE N -> prints "seconds [peakUsed peakOld]"
  local mode=$1 file=$2 n=$3 i start end pids=()
  local size; size=$(stat -c %s "$file")
  [[ $mode != direct ]] && heap_start
  start=$(now)
  for i in $(seq "$n"); do
    case $mode in
      direct)  curl -s -o "$RUN/out.$i" -w '%{http_code}' "${SIGV4[@]}" -T "$file" "$S3/$BUCKET/direct/$i" > "$RUN/code.$i" & pids+=($!) ;;
      gateway) curl -s -o "$RUN/out.$i" -w '%{http_code}' -F "files=@$file;type=application/octet-stream" "$GW/bench/upload?bucket=$BUCKET&single=$BENCH_SINGLE" > "$RUN/code.$i" & pids+=($!) ;;
      minio)   curl -s -o "$RUN/out.$i" -w '%{http_code}' -F "files=@$file;type=application/octet-stream" "$GW/bench/upload-minio?bucket=$BUCKET" > "$RUN/code.$i" & pids+=($!) ;;
    esac
  done
  wait "${pids[@]}" || true
  end=$(now)
  local heap=""
  [[ $mode != direct ]] && heap=$(heap_stop)
  for i in $(seq "$n"); do
    if [[ $(cat "$RUN/code.$i") != 200 && $mode == minio ]]; then
      echo "    (minio-design upload $i failed: HTTP $(cat "$RUN/code.$i"); see $RUN/gateway.log)" >&2; heap="failed"; continue
    elif [[ $(cat "$RUN/code.$i") != 200 ]]; then
      echo "$mode upload $i failed: HTTP $(cat "$RUN/code.$i") $(head -c 300 "$RUN/out.$i")" >&2; exit 1
    fi
    if [[ $mode == gateway ]]; then
      grep -q "\"size\":$size," "$RUN/out.$i" && grep -q "\"sha256Hex\":\"${SHA[$file]}\"" "$RUN/out.$i" \
        || { echo "gateway answer $i has the wrong size or sha256: $(cat "$RUN/out.$i")" >&2; exit 1; }
      key=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' "$RUN/out.$i")
      meta=$(curl -sI "${SIGV4[@]}" "$S3/$BUCKET/$key" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-amz-meta-sha256" { print $2 }')
      if [[ $meta != "${SHA[$file]}" && ( $BENCH_GATEWAY_OPTS == *all-objects* || $size -le 8388608 ) ]]; then
        echo "$key has x-amz-meta-sha256 '$meta', expected ${SHA[$file]}" >&2; exit 1
      fi
      echo "$key" >> "$RUN/keys.txt"
    fi
  done
  awk -v s="$start" -v e="$end" -v h="$heap" 'BEGIN { printf "%.3f %s\n", e - s, h }'
}

clean_bucket() { # delete the objects the last rounds made
  [[ -f $RUN/keys.txt ]] && while read -r key; do curl -s -o /dev/null "${SIGV4[@]}" -X DELETE "$S3/$BUCKET/$key"; done < "$RUN/keys.txt"
  rm -f "$RUN/keys.txt"
  for i in $(seq "$BENCH_CONCURRENCY"); do curl -s -o /dev/null "${SIGV4[@]}" -X DELETE "$S3/$BUCKET/direct/$i"; done
}

verify_download() { # the last gateway object of FILE, downloaded and hashed
  local file=$1 key; key=$(tail -1 "$RUN/keys.txt")
  local got; got=$(curl -s "${SIGV4[@]}" "$S3/$BUCKET/$key" | sha256sum | cut -d' ' -f1)
  [[ $got == "${SHA[$file]}" ]] || { echo "downloaded $key does not match $file" >&2; exit 1; }
  echo "    verified: $key downloaded, SHA-256 matches the file"
}

echo "==> S3Proxy $S3PROXY_VERSION at $S3, gateway upload path at $GW (-Xmx$BENCH_HEAP $BENCH_GATEWAY_OPTS)"
echo "==> $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores)"
echo "==> warm-up"
round direct "$SMALL" 1 >/dev/null; round gateway "$SMALL" 1 >/dev/null; echo; clean_bucket

RESULTS=()
scenario() { # scenario FILE N LABEL
  local file=$1 n=$2 label=$3 size; size=$(stat -c %s "$file")
  local bytes=$(( size * n )) r d g m dsum="" gsum="" rsum="" heapmax=0 oldmax=0
  echo "==> $label"
  for r in $(seq "$BENCH_ROUNDS"); do
    round direct "$file" "$n" > "$RUN/result"; read -r d _ < "$RUN/result"
    round gateway "$file" "$n" > "$RUN/result"; read -r g hu ho < "$RUN/result"
    (( r == 1 )) && verify_download "$file"
    local line; line=$(printf '    round %d: direct %7s MB/s   gateway %7s MB/s   ratio %s   heap peak %s MiB (old gen %s MiB)' \
      "$r" "$(mbps "$bytes" "$d")" "$(mbps "$bytes" "$g")" "$(awk -v d="$d" -v g="$g" 'BEGIN { printf "%.2f", d / g }')" "$hu" "$ho")
    if [[ $BENCH_MINIO == 1 && $n == 1 ]] || [[ $BENCH_MINIO == 2 ]]; then
      round minio "$file" "$n" > "$RUN/result"; read -r m mh _ < "$RUN/result"
      if [[ $mh == failed ]]; then line="$line   minio-design FAILED"; else line="$line   minio-design $(mbps "$bytes" "$m") MB/s"; fi
    fi
    echo "$line"
    dsum="$dsum $d"; gsum="$gsum $g"; rsum="$rsum $(awk -v d="$d" -v g="$g" 'BEGIN { printf "%.4f", d / g }')"
    (( hu > heapmax )) && heapmax=$hu; (( ho > oldmax )) && oldmax=$ho
    clean_bucket
  done
  local dmed gmed rmed
  median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  dmed=$(median "$dsum"); gmed=$(median "$gsum"); rmed=$(median "$rsum")
  RESULTS+=("$(printf '%-22s %12s %13s %7.2f %16s %14s' "$label" "$(mbps "$bytes" "$dmed")" "$(mbps "$bytes" "$gmed")" \
    "$rmed" "$heapmax" "$oldmax")")
}

scenario "$LARGE" 1 "1 x $BENCH_LARGE_MB MiB"
scenario "$SMALL" "$BENCH_CONCURRENCY" "$BENCH_CONCURRENCY x $BENCH_SMALL_MB MiB"

leftover=$(curl -s "${SIGV4[@]}" "$S3/$BUCKET?uploads=" | grep -c '<UploadId>' || true)
echo
echo "median of $BENCH_ROUNDS rounds: throughputs and, separately, the per-round ratios (MB/s = 10^6 bytes/s;"
echo "heap = the gateway JVM, -Xmx$BENCH_HEAP, highest of all rounds)"
printf '%-22s %12s %13s %7s %16s %14s\n' scenario "direct MB/s" "gateway MB/s" ratio "peak heap MiB" "peak old MiB"
printf '%s\n' "${RESULTS[@]}"
echo "incomplete multipart uploads left: $leftover; load average now $(cut -d' ' -f1-3 /proc/loadavg)"

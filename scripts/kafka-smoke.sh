#!/usr/bin/env bash
# Produce/consume one record through the local broker (default: $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092).
# Uses the kafka-clients jar from infra/target/kafka-libs (./mvnw -B -q -pl infra package).
set -euo pipefail
ROOT="$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
LIBS="$ROOT/infra/target/kafka-libs"
[[ -d $LIBS ]] || { echo "error: $LIBS missing; run ./mvnw -B -q -pl infra package" >&2; exit 1; }
cat >"${TMPDIR:-/tmp}/catalog-smoke-log4j2.properties" <<'L4J'
rootLogger.level = warn
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m%n
rootLogger.appenderRef.err.ref = ERR
L4J
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m \
  "-Dlog4j2.configurationFile=${TMPDIR:-/tmp}/catalog-smoke-log4j2.properties" \
  -cp "$LIBS/*" "$ROOT/scripts/KafkaSmoke.java" "${1:-${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}}"

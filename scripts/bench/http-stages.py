#!/usr/bin/env python3
"""Per-stage waits of the synchronous create, from the DEBUG timings of the gateway and the ingest-worker.

    scripts/bench/http-stages.py LOG_DIR [SINCE]     SINCE: an ISO timestamp prefix, e.g. 2026-11-26T16:20

Needs the services started with DEBUG for io.catalogingest.gateway.request, io.catalogingest.ingest.messaging and
io.catalogingest.ingest.product (docs/benchmarks/http.md says how). Prints the median, p90 and mean of each stage.
"""
import re
import statistics
import sys
from pathlib import Path

log_dir = Path(sys.argv[1])
since = sys.argv[2] if len(sys.argv) > 2 else ""

PATTERNS = {
    "api-gateway.log": [
        (re.compile(r"stages \(us\): register (\d+) publish (\d+) outcome-wait (\d+) outcome-read (\d+)"),
         ["gateway: register request (Postgres)", "gateway: publish command, broker ack",
          "gateway: wait for the outcome event", "gateway: read the outcome (Postgres)"], 1000.0),
        (re.compile(r"stages \(us\): register (\d+) publish (\d+) \(asynchronous\)"),
         ["gateway, async: register request (Postgres)", "gateway, async: publish command, broker ack"], 1000.0),
        (re.compile(r"Woke a request with an event (\d+) ms old"),
         ["event age at the gateway's wake-up (worker send -> outcome consumer)"], 1.0),
    ],
    "ingest-worker.log": [
        (re.compile(r"Applied a poll of (\d+) records in (\d+) ms; the first was (-?\d+) ms old"),
         ["worker: records per poll", "worker: poll applied incl. event acks (ms)",
          "command age at the worker's poll (gateway send -> worker)"], None),
        (re.compile(r"Applied (\d+) create-product commands in (\d+) ms"),
         [None, "worker: transaction (claim, insert, outcome + outbox, commit) + send"], 1.0),
    ],
}

values = {}
for name, patterns in PATTERNS.items():
    path = log_dir / name
    if not path.exists():
        continue
    for line in path.read_text(errors="replace").splitlines():
        if line[:len(since)] < since:
            continue
        for pattern, labels, scale in patterns:
            match = pattern.search(line)
            if not match:
                continue
            for label, group in zip(labels, match.groups()):
                if label:
                    value = float(group) if scale is None else float(group) / scale
                    values.setdefault(label, []).append(value)

print(f"{'stage':<72} {'n':>6} {'median':>8} {'p90':>8} {'mean':>8}   (ms unless stated)")
for label, series in values.items():
    series.sort()
    p90 = series[min(len(series) - 1, int(len(series) * 0.9))]
    print(f"{label:<72} {len(series):>6} {statistics.median(series):>8.1f} {p90:>8.1f} "
          f"{statistics.fmean(series):>8.1f}")

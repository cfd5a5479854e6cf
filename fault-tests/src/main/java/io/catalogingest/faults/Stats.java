package io.catalogingest.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** HTTP attempts of one scenario by answer: status codes, -1 for a client timeout, -2 for a connection failure. */
final class Stats {

    final LongAdder retries = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder slow = new LongAdder();
    private final long slowNanos;

    Stats(long slowNanos) {
        this.slowNanos = slowNanos;
    }

    void count(int status, long nanos) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (nanos > slowNanos && status > 0) {
            slow.increment();
        }
    }

    long of(int status) {
        LongAdder adder = byStatus.get(status);
        return adder == null ? 0 : adder.sum();
    }

    /** Answers that took longer than the slow bound but did come. */
    long slow() {
        return slow.sum();
    }

    long attempts() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public String toString() {
        Map<Integer, Long> sorted = new TreeMap<>();
        byStatus.forEach((status, adder) -> sorted.put(status, adder.sum()));
        return sorted.toString().replace("-1=", "timeout=").replace("-2=", "conn-fail=");
    }
}

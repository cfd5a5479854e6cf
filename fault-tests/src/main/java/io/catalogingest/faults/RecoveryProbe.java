package io.catalogingest.faults;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.common.utils.Utils;

import io.catalogingest.faults.GatewayClient.Body;
import io.catalogingest.faults.Ledger.Kind;
import io.catalogingest.faults.Ledger.Op;

/**
 * When is the pipeline whole again? A round is one synchronous product create per partition of the command topic
 * (ids picked so that Kafka's default partitioner puts each on a different partition), alternating the gateways;
 * the pipeline has recovered when a whole round answers 201. A partition nobody consumes, or a gateway that is not
 * back, fails the round.
 */
final class RecoveryProbe {

    private final GatewayClient client;
    private final String token;
    private final int partitions;
    private final Duration timeout;

    RecoveryProbe(GatewayClient client, String token, int partitions, Duration timeout) {
        this.client = client;
        this.token = token;
        this.partitions = partitions;
        this.timeout = timeout;
    }

    /** Rounds until one passes or the bound is reached; the time from {@code since} (System.nanoTime) to the pass. */
    Optional<Duration> until(long since, Duration bound, Ledger ledger, String scenario) throws InterruptedException {
        Stats stats = new Stats(Long.MAX_VALUE);
        long deadline = since + bound.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(partitions);
        try {
            int round = 0;
            while (System.nanoTime() < deadline) {
                round++;
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int partition = 0; partition < partitions; partition++) {
                    String id = idOnPartition("probe-" + scenario + "-" + round + "-", partition);
                    URI gateway = client.gateways().get(partition % client.gateways().size());
                    answers.add(pool.submit(() -> {
                        Op op = ledger.add(Kind.PROBE, id, UUID.randomUUID().toString());
                        GatewayClient.Reply reply = client.postOnce(gateway, "/product", token,
                                Body.json(Map.of("id", id, "title", id, "type", "Audio")), timeout, stats);
                        op.answered(reply);
                        return reply.status() == 201;
                    }));
                }
                boolean all = true;
                for (Future<Boolean> answer : answers) {
                    try {
                        all &= answer.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        all = false;
                    }
                }
                if (all) {
                    return Optional.of(Duration.ofNanos(System.nanoTime() - since));
                }
                Thread.sleep(1000);
            }
            return Optional.empty();
        } finally {
            pool.shutdownNow();
        }
    }

    private String idOnPartition(String prefix, int partition) {
        for (int n = 0; ; n++) {
            String id = prefix + n;
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return id;
            }
        }
    }
}

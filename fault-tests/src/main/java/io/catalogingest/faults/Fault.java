package io.catalogingest.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.catalogingest.faults.Topology.Kind;
import io.catalogingest.faults.Topology.Replica;

/** The faults, one scenario each: what is done to which part while the load runs, and how it is healed. */
enum Fault {

    KILL_GATEWAY("kill-gateway", "SIGKILL api-gateway-1; restart it") {
        @Override
        Injected inject(Topology topology) throws Exception {
            return killReplica(topology, topology.replica(Kind.API_GATEWAY, 1));
        }
    },
    KILL_INGEST_WORKER("kill-ingest-worker", "SIGKILL ingest-worker-1; restart it") {
        @Override
        Injected inject(Topology topology) throws Exception {
            return killReplica(topology, topology.replica(Kind.INGEST_WORKER, 1));
        }
    },
    KILL_APPROVAL_WORKER("kill-approval-worker", "SIGKILL approval-worker-1; restart it") {
        @Override
        Injected inject(Topology topology) throws Exception {
            return killReplica(topology, topology.replica(Kind.APPROVAL_WORKER, 1));
        }
    },
    KILL_BROKER("kill-broker", "SIGKILL the Kafka broker; restart it") {
        @Override
        Injected inject(Topology topology) throws Exception {
            topology.killInfra("kafka");
            return topology::infraUp;
        }
    },
    STOP_POSTGRES("stop-postgres", "pg_ctl stop -m immediate; restart") {
        @Override
        Injected inject(Topology topology) throws Exception {
            topology.stopPostgresImmediate();
            return topology::infraUp;
        }
    },
    STALL_S3("stall-s3", "SIGSTOP S3Proxy; SIGCONT") {
        @Override
        Injected inject(Topology topology) throws Exception {
            long pid = topology.infraPid("s3proxy");
            topology.signal(pid, "STOP");
            return () -> topology.signal(pid, "CONT");
        }
    },
    KILL_S3("kill-s3", "SIGKILL S3Proxy; restart it") {
        @Override
        Injected inject(Topology topology) throws Exception {
            topology.killInfra("s3proxy");
            return topology::infraUp;
        }
    },
    START_WHILE_POSTGRES_DOWN("start-while-pg-down",
            "Postgres stopped; api-gateway-2, ingest-worker-2, approval-worker-2 restarted meanwhile; Postgres back") {
        @Override
        Injected inject(Topology topology) throws Exception {
            topology.stopPostgresImmediate();
            List<Replica> restarted = List.of(topology.replica(Kind.API_GATEWAY, 2),
                    topology.replica(Kind.INGEST_WORKER, 2), topology.replica(Kind.APPROVAL_WORKER, 2));
            for (Replica replica : restarted) {
                topology.kill(replica);
                topology.start(replica);
            }
            return new Injected() {
                private final List<String> findings = new ArrayList<>();

                @Override
                public void heal() throws Exception {
                    for (Replica replica : restarted) {
                        if (!topology.alive(replica)) {
                            findings.add(replica + " exited while Postgres was down");
                        } else if (topology.health(replica).isEmpty()) {
                            findings.add(replica + " did not answer on its health port while Postgres was down");
                        }
                    }
                    topology.infraUp();
                }

                @Override
                public List<String> findings() {
                    return findings;
                }
            };
        }
    };

    final String id;
    final String description;

    Fault(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** A fault in place: {@link #heal()} ends it; {@link #findings()} is what was seen wrong meanwhile. */
    @FunctionalInterface
    interface Injected {
        void heal() throws Exception;

        default List<String> findings() {
            return List.of();
        }
    }

    abstract Injected inject(Topology topology) throws Exception;

    private static Injected killReplica(Topology topology, Replica replica) throws Exception {
        topology.kill(replica);
        return () -> topology.start(replica);
    }

    static Fault named(String id) {
        return Arrays.stream(values()).filter(fault -> fault.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault " + id + " (known: " + names() + ")"));
    }

    static String names() {
        return Arrays.stream(values()).map(fault -> fault.id).collect(Collectors.joining(","));
    }
}

package io.catalogingest.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.catalogingest.faults.Ledger.Kind;
import io.catalogingest.faults.Ledger.Op;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;

/**
 * The invariants of DESIGN.md §5, checked against Postgres, S3 and Kafka directly (never through the gateway):
 * what each acknowledged request must have left behind, and what must never exist at all.
 */
final class Invariants {

    private static final Logger log = LoggerFactory.getLogger(Invariants.class);

    private final SuiteOptions.Environment env;
    private final MinioClient s3;

    Invariants(SuiteOptions.Environment env) {
        this.env = env;
        this.s3 = MinioClient.builder().endpoint(env.s3Endpoint()).credentials(env.s3AccessKey(), env.s3SecretKey())
                .build();
        s3.setTimeout(TimeUnit.SECONDS.toMillis(10), TimeUnit.SECONDS.toMillis(30), TimeUnit.SECONDS.toMillis(30));
    }

    /** What one scenario's requests came to once it settled; {@code acknowledged} counts the load, not the probes. */
    record Settled(int acknowledged, List<Op> lost, List<Op> duplicated, List<Op> notTerminal,
                   Duration settleTime, boolean settled) {
    }

    /** One read of a tenant's state. */
    private record State(Map<String, Integer> productsByTitle, Map<String, Integer> releasesByTitle,
                         Map<String, String> releaseStatus, Set<String> coverMedia, Set<String> trackMedia,
                         Set<String> files, Set<String> outcomes) {
    }

    /**
     * Waits (bounded) until every acknowledged request shows its effect and every acknowledged request id its
     * terminal outcome, then counts what is lost (acknowledged, no effect), duplicated (more than one effect,
     * acknowledged or not) and not terminal.
     */
    Settled settle(Ledger ledger, String tenant, Duration bound) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        List<Op> ops = ledger.ops();
        State state = null;
        while (true) {
            try {
                state = read(tenant, ops);
                if (missing(ops, state).isEmpty() && notTerminal(ops, state).isEmpty()) {
                    break;
                }
            } catch (SQLException e) {
                log.info("Postgres not readable yet: {}", e.getMessage());
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(2000);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int acknowledged = (int) ops.stream().filter(op -> op.acknowledged() && op.kind != Kind.PROBE).count();
        if (state == null) {
            return new Settled(acknowledged, ops.stream().filter(Op::acknowledged).toList(), List.of(), List.of(),
                    took, false);
        }
        List<Op> lost = missing(ops, state);
        List<Op> notTerminal = notTerminal(ops, state);
        List<Op> duplicated = new ArrayList<>();
        for (Op op : ops) {
            Integer count = op.kind.product() ? state.productsByTitle().get(op.marker)
                    : op.kind == Kind.RELEASE_CREATE ? state.releasesByTitle().get(op.marker) : null;
            if (count != null && count > 1) {
                duplicated.add(op);
            }
        }
        return new Settled(acknowledged, lost, duplicated, notTerminal, took, lost.isEmpty() && notTerminal.isEmpty());
    }

    /** Acknowledged requests whose effect is not (yet) in Postgres. */
    private static List<Op> missing(List<Op> ops, State state) {
        List<Op> missing = new ArrayList<>();
        for (Op op : ops) {
            if (!op.acknowledged()) {
                continue;
            }
            boolean present = switch (op.kind) {
                case PRODUCT_SYNC, PRODUCT_ASYNC, PROBE -> state.productsByTitle().getOrDefault(op.marker, 0) >= 1;
                case RELEASE_CREATE -> state.releasesByTitle().getOrDefault(op.marker, 0) >= 1;
                case UPLOAD_COVER -> state.coverMedia().contains(op.releaseId);
                case UPLOAD_TRACK -> state.trackMedia().contains(op.releaseId);
                case UPLOAD_FILE -> state.files().contains(op.releaseId + "/" + op.marker);
                case SUBMIT -> !"draft".equals(state.releaseStatus().getOrDefault(op.releaseId, "draft"));
                case APPROVE -> Set.of("approved", "completed").contains(state.releaseStatus().get(op.releaseId));
            };
            if (!present) {
                missing.add(op);
            }
        }
        return missing;
    }

    /**
     * Acknowledged requests not at a terminal outcome: a 202's request id without an outcome, an approval whose
     * release is not completed.
     */
    private static List<Op> notTerminal(List<Op> ops, State state) {
        List<Op> open = new ArrayList<>();
        for (Op op : ops) {
            if (!op.acknowledged()) {
                continue;
            }
            boolean upload = op.kind == Kind.UPLOAD_COVER || op.kind == Kind.UPLOAD_TRACK
                    || op.kind == Kind.UPLOAD_FILE;
            boolean terminal = op.kind == Kind.APPROVE
                    ? "completed".equals(state.releaseStatus().get(op.releaseId))
                    : !op.acceptedPending() || upload || state.outcomes().contains(op.requestId);
            if (!terminal) {
                open.add(op);
            }
        }
        return open;
    }

    private State read(String tenant, List<Op> ops) throws SQLException {
        try (Connection db = connect()) {
            Map<String, Integer> products = new HashMap<>();
            try (PreparedStatement query = db.prepareStatement(
                    "select title, count(*) from product where tenant_id = ? group by title")) {
                query.setString(1, tenant);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        products.put(rows.getString(1), rows.getInt(2));
                    }
                }
            }
            Map<String, Integer> releases = new HashMap<>();
            Map<String, String> status = new HashMap<>();
            try (PreparedStatement query = db.prepareStatement(
                    "select id::text, title, status from release where tenant_id = ?")) {
                query.setString(1, tenant);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        releases.merge(rows.getString(2), 1, Integer::sum);
                        status.put(rows.getString(1), rows.getString(3));
                    }
                }
            }
            Set<String> cover = new HashSet<>();
            Set<String> track = new HashSet<>();
            Set<String> files = new HashSet<>();
            try (PreparedStatement query = db.prepareStatement("select release_id::text, track_id is not null, name"
                    + " from media where tenant_id = ? and status in ('registered', 'promoted')")) {
                query.setString(1, tenant);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getBoolean(2)) {
                            track.add(rows.getString(1));
                        } else if ("cover.png".equals(rows.getString(3))) {
                            cover.add(rows.getString(1));
                        } else {
                            files.add(rows.getString(1) + "/" + rows.getString(3));
                        }
                    }
                }
            }
            Set<String> outcomes = new HashSet<>();
            String[] ids = ops.stream().filter(Op::acceptedPending).map(op -> op.requestId).toArray(String[]::new);
            if (ids.length > 0) {
                try (PreparedStatement query = db.prepareStatement(
                        "select request_id::text from request_outcome where request_id = any (?::uuid[])")) {
                    query.setArray(1, db.createArrayOf("text", ids));
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            outcomes.add(rows.getString(1));
                        }
                    }
                }
            }
            return new State(products, releases, status, cover, track, files, outcomes);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // What must never exist
    // ------------------------------------------------------------------------------------------------------------

    /** UPCs held by more than one product, in any tenant (a GTIN is unique across all workspaces). */
    List<String> duplicateUpcs() throws SQLException {
        return strings("select upc_key from product where upc_key is not null group by upc_key having count(*) > 1");
    }

    /** Releases left {@code approved} with no promotion or auto-creation in progress. */
    List<String> approvedIdle(String tenant) throws SQLException {
        return strings("select r.id::text || coalesce(' (' || a.stage || coalesce(': ' || left(a.last_error, 120), '')"
                + " || ')', ' (no approval row)') from release r left join release_approval a on a.release_id = r.id"
                + " where r.tenant_id = ? and r.status = 'approved'"
                + " and (a.release_id is null or a.stage not in ('promoting', 'creating'))", tenant);
    }

    /**
     * Media rows that say their object exists (registered: in the temporary bucket, promoted: in the permanent one)
     * whose object is gone.
     */
    List<String> lostObjects(String tenant) throws Exception {
        List<String> lost = new ArrayList<>();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "select bucket, case when status = 'registered' then upload_key else object_key end from media"
                        + " where tenant_id = ? and status in ('registered', 'promoted')")) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String bucket = rows.getString(1);
                    String key = rows.getString(2);
                    try {
                        s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                    } catch (ErrorResponseException e) {
                        if ("NoSuchKey".equals(e.errorResponse().code())) {
                            lost.add(bucket + "/" + key);
                        } else {
                            throw e;
                        }
                    }
                }
            }
        }
        return lost;
    }

    /**
     * Objects in the temporary bucket under the tenant that no registered media row owns, with their age.
     * The caller decides which are old enough to count.
     */
    Map<String, Instant> unownedTempObjects(String tenant) throws Exception {
        Set<String> owned = new HashSet<>(strings("select upload_key from media where tenant_id = ?"
                + " and status = 'registered' and bucket = ?", tenant, env.tempBucket()));
        Map<String, Instant> unowned = new HashMap<>();
        for (Result<Item> result : s3.listObjects(ListObjectsArgs.builder().bucket(env.tempBucket())
                .prefix(tenant + "/").recursive(true).build())) {
            Item item = result.get();
            if (!owned.contains(item.objectName())) {
                ZonedDateTime modified = item.lastModified();
                unowned.put(item.objectName(), modified == null ? Instant.now() : modified.toInstant());
            }
        }
        return unowned;
    }

    /** Records in all dead-letter topics so far (the sum of their end offsets). */
    long deadLetters() {
        Properties config = new Properties();
        config.putAll(env.kafkaAdminSecurity());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> topics = new HashSet<>(admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                    .get(20, TimeUnit.SECONDS));
            topics.removeIf(topic -> !topic.endsWith(".dlt"));
            if (topics.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).forEach((name, description) -> {
                for (TopicPartitionInfo partition : description.partitions()) {
                    latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest());
                }
            });
            return admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            log.warn("could not count dead letters: {}", e.toString());
            return -1;
        }
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", env.dbUser());
        properties.setProperty("password", env.dbPassword());
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(env.dbUrl(), properties);
    }
}

package io.catalogingest.system.bench;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.catalogingest.common.Messages;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.common.upc.Upc;
import io.catalogingest.common.upc.UpcBlock;
import io.catalogingest.common.workspace.AddUpcBlock;
import io.catalogingest.common.workspace.WorkspaceMessages;
import io.catalogingest.ingest.IngestWorkerApplication;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import tools.jackson.databind.json.JsonMapper;

/**
 * The performance bar of issue 3: "products ingested end to end: at least half the rate of a plain batch insert of
 * the same rows". Not part of the test run (its name ends in neither Test nor IT, and it runs only with
 * {@code -Dcatalog.bench=true}); see docs/benchmarks/products.md for the command and the figures.
 *
 * <ol>
 *   <li>Baseline: N product rows inserted with plain JDBC batches ({@code addBatch}/{@code executeBatch}, one commit
 *       per batch) into a fresh schema.</li>
 *   <li>Pipeline: the same N products published as CreateProduct commands (with request ids, without UPCs, as the
 *       gateway would) to the catalog command topic, consumed by a running ingest-worker, timed from the first send
 *       until all N rows are in Postgres. The worker allocates the UPCs (the baseline inserts the same numbers),
 *       decides the format, dedupes every record and records every outcome, and publishes ProductCreated events.</li>
 * </ol>
 * Settings (system properties): {@code catalog.bench.products} (N, default 20000), {@code catalog.bench.jdbc-batch}
 * (default 500), {@code catalog.bench.rounds} (default 2: the first round warms the JVM up and is reported too),
 * and any {@code catalog.bench.worker.*} property is passed to the worker without the prefix (e.g.
 * {@code -Dcatalog.bench.worker.catalog.ingest.batch.max-poll-records=1000}).
 */
@CatalogInfrastructureTest
@EnabledIfSystemProperty(named = "catalog.bench", matches = "true")
class ProductIngestBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ProductIngestBenchmark.class);
    private static final String TENANT = "bench-ws";
    private static final UpcBlock BLOCK = UpcBlock.wholePrefix("614141");

    @Test
    void endToEndRateAgainstAPlainBatchInsert(Infrastructure infrastructure) throws Exception {
        int products = Integer.getInteger("catalog.bench.products", 20_000);
        int jdbcBatch = Integer.getInteger("catalog.bench.jdbc-batch", 500);
        int rounds = Integer.getInteger("catalog.bench.rounds", 2);
        List<String> report = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double baseline = baseline(infrastructure, products, jdbcBatch);
            double pipeline = pipeline(infrastructure, products);
            String line = String.format("round %d: N=%d  plain JDBC batch insert %.0f rows/s  |  end to end %.0f "
                    + "products/s  |  ratio %.2f", round, products, baseline, pipeline, pipeline / baseline);
            report.add(line);
            if (round > 1 || rounds == 1) {
                ratios.add(pipeline / baseline);
            }
            log.info("BENCHMARK {}", line);
        }
        StringBuilder summary = new StringBuilder("\n=== ProductIngestBenchmark ===\n");
        report.forEach(line -> summary.append(line).append('\n'));
        ratios.sort(Double::compare);
        summary.append(String.format("median ratio (without the warm-up round): %.2f%n", ratios.get(ratios.size() / 2)));
        log.info("{}", summary);
        // the forked JVM's stdout is kept in target/surefire-reports; the summary is also printed there
        System.out.println(summary);
    }

    /** Rows per second of a plain JDBC batch insert of N product rows into a fresh schema. */
    private static double baseline(Infrastructure infrastructure, int products, int batchSize) throws SQLException {
        Isolation isolation = infrastructure.isolate();
        migrate(infrastructure, isolation);
        String url = isolation.springProperties().get("spring.datasource.url");
        try (Connection connection = DriverManager.getConnection(url, infrastructure.jdbcUser(),
                infrastructure.jdbcPassword())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into product (tenant_id, id, title, upc, upc_key, display_artist, type, explicit, status,
                        request_id, message_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < products; i++) {
                    Upc upc = BLOCK.upcFor(i);
                    insert.setString(1, TENANT);
                    insert.setString(2, productId(i));
                    insert.setString(3, "Benchmark product " + i);
                    insert.setString(4, upc.value());
                    insert.setString(5, upc.gtin14());
                    insert.setString(6, "Benchmark Artist");
                    insert.setString(7, "Audio");
                    insert.setBoolean(8, false);
                    insert.setString(9, "active");
                    insert.setObject(10, UUID.randomUUID());
                    insert.setObject(11, UUID.randomUUID());
                    insert.addBatch();
                    if ((i + 1) % batchSize == 0 || i == products - 1) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = count(connection);
            if (rows != products) {
                throw new IllegalStateException("baseline inserted " + rows + " rows, expected " + products);
            }
            log.info("Baseline: {} rows in {} s", products, String.format("%.2f", seconds));
            return products / seconds;
        }
    }

    /** Products per second from the first command sent to the last row committed by a running ingest-worker. */
    private static double pipeline(Infrastructure infrastructure, int products) throws Exception {
        Isolation isolation = infrastructure.isolate();
        ConfigurableApplicationContext worker = startWorker(isolation);
        try {
            KafkaListenerEndpointRegistry registry = worker.getBean(KafkaListenerEndpointRegistry.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> registry.getListenerContainer(
                    "ingest-catalog-commands").getAssignedPartitions().size() > 0);
            EnvelopeCodec codec = new EnvelopeCodec(Messages.registry(), JsonMapper.builder().build());
            List<WireRecord> records = new ArrayList<>(products);
            for (int i = 0; i < products; i++) {
                CreateProduct product = new CreateProduct(productId(i), "Benchmark product " + i, null, null, null,
                        "Benchmark Artist", "Audio", null, false, null, null, null, null, "active", null, null, null,
                        List.of(), List.of(), null, null, null);
                records.add(codec.encode(Envelope.create(CatalogMessages.CREATE_PRODUCT, "/benchmark",
                        product.productId(), TENANT, UUID.randomUUID(), product)));
            }
            String url = isolation.springProperties().get("spring.datasource.url");
            try (KafkaProducer<String, byte[]> producer = producer(infrastructure);
                 Connection connection = DriverManager.getConnection(url, infrastructure.jdbcUser(),
                         infrastructure.jdbcPassword())) {
                String topic = isolation.topic(Topics.CATALOG_COMMANDS);
                giveTheWorkspaceItsBlock(producer, connection, codec, topic);
                long start = System.nanoTime();
                List<Future<RecordMetadata>> sent = new ArrayList<>(products);
                for (WireRecord wire : records) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, wire.key(), wire.value());
                    wire.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name, value)));
                    sent.add(producer.send(record));
                }
                producer.flush();
                for (Future<RecordMetadata> future : sent) {
                    future.get();
                }
                double published = (System.nanoTime() - start) / 1e9;
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> count(connection) >= products);
                double seconds = (System.nanoTime() - start) / 1e9;
                log.info("Pipeline: {} products published in {} s, all persisted after {} s", products,
                        String.format("%.2f", published), String.format("%.2f", seconds));
                return products / seconds;
            }
        } finally {
            worker.close();
        }
    }

    /** The workspace's own block, as an admin's {@code POST /tenant/upc-blocks} would add it, before the clock runs. */
    private static void giveTheWorkspaceItsBlock(KafkaProducer<String, byte[]> producer, Connection connection,
                                                 EnvelopeCodec codec, String topic) throws Exception {
        WireRecord wire = codec.encode(Envelope.create(WorkspaceMessages.ADD_UPC_BLOCK, "/benchmark", TENANT, TENANT,
                UUID.randomUUID(), new AddUpcBlock(UUID.randomUUID().toString(), BLOCK.companyPrefix(),
                        BLOCK.gtinLength(), BLOCK.firstItemReference(), BLOCK.lastItemReference())));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, wire.key(), wire.value());
        wire.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name, value)));
        producer.send(record).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery("select count(*) from upc_block")) {
                return rs.next() && rs.getLong(1) == 1;
            }
        });
    }

    private static ConfigurableApplicationContext startWorker(Isolation isolation) {
        Map<String, String> properties = new HashMap<>(isolation.springProperties());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.profiles.active", "local");
        properties.put("logging.level.io.catalogingest.ingest", "WARN");
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("catalog.bench.worker."))
                .forEach(name -> properties.put(name.substring("catalog.bench.worker.".length()),
                        System.getProperty(name)));
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(IngestWorkerApplication.class).web(WebApplicationType.NONE).run(args);
    }

    private static KafkaProducer<String, byte[]> producer(Infrastructure infrastructure) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        return new KafkaProducer<>(props);
    }

    private static void migrate(Infrastructure infrastructure, Isolation isolation) {
        Flyway.configure()
                .dataSource(isolation.springProperties().get("spring.datasource.url"), infrastructure.jdbcUser(),
                        infrastructure.jdbcPassword())
                .schemas(isolation.schema())
                .defaultSchema(isolation.schema())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static long count(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from product where tenant_id = '" + TENANT + "'")) {
            rs.next();
            return rs.getLong(1);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String productId(int i) {
        return "BENCH-" + i;
    }
}

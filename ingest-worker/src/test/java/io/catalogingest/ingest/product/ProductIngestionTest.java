package io.catalogingest.ingest.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.catalogingest.common.Messages;
import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.ingest.workspace.TestWorkspaces;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.TopicProperties;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.support.persistence.MessageLedger;
import io.catalogingest.support.persistence.Outbox;
import io.catalogingest.support.persistence.OutboxProperties;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chunks of create-product commands against real Postgres, the way the worker applies them (the outbox keeps the
 * events: nothing is sent). A clean chunk takes the fast path, its products inserted by the statement that records the
 * outcomes; a taken id or UPC in the middle of a chunk sends it to the checks per product, which reject only that
 * product and spend no number on it.
 */
@CatalogInfrastructureTest
class ProductIngestionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Jdbi jdbi;
    private static ProductIngestion ingestion;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
        EnvelopeCodec codec = new EnvelopeCodec(Messages.registry(), JSON);
        // never used: the outbox keeps the events (publish-after-commit off)
        MessagePublisher publisher = new MessagePublisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))), codec,
                new TopicProperties("", 1, 1, 1), Duration.ofSeconds(5));
        Outbox outbox = new Outbox(jdbi, publisher, codec, JSON, new OutboxProperties(false,
                new OutboxProperties.Relay(false, Duration.ofSeconds(1), Duration.ofSeconds(15), 50)), 0);
        AppliedOnce appliedOnce = new AppliedOnce(jdbi, new MessageLedger(JSON, Messages.registry()), outbox);
        ingestion = new ProductIngestion(appliedOnce, TestWorkspaces.allocator(3),
                new FormatProperties(3, 7, Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(30)),
                500);
    }

    @Test
    void aTakenIdOrUpcInTheMiddleOfAChunkRejectsOnlyThatProductAndSpendsNoNumber() {
        String tenant = tenant();
        UUID block = TestWorkspaces.addBlock(jdbi, tenant, 0, 99);
        Envelope<CreateProduct> existing = create(tenant, "P-0", null, List.of(), List.of());
        ingestion.createAllAndSend(List.of(existing));
        String existingUpc = upcOf(tenant, "P-0");

        List<Envelope<CreateProduct>> chunk = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            chunk.add(create(tenant, "P-" + i, null, List.of(), List.of()));
        }
        Envelope<CreateProduct> sameId = create(tenant, "P-0", null, List.of(), List.of());
        Envelope<CreateProduct> sameUpc = create(tenant, "P-GIVEN", existingUpc, List.of(), List.of());
        chunk.add(2, sameId);
        chunk.add(5, sameUpc);
        ingestion.createAllAndSend(chunk);

        assertThat(status(existing)).isEqualTo(201);
        assertThat(status(sameId)).isEqualTo(409);
        assertThat(errorField(sameId)).isEqualTo("id");
        assertThat(status(sameUpc)).isEqualTo(409);
        assertThat(errorField(sameUpc)).isEqualTo("upc");
        chunk.stream().filter(command -> command != sameId && command != sameUpc)
                .forEach(command -> assertThat(status(command)).as(command.payload().productId()).isEqualTo(201));
        assertThat(count("select count(*) from product where tenant_id = '" + tenant + "'")).isEqualTo(7);
        assertThat(TestWorkspaces.nextItemReference(jdbi, block)).as("one number per product created, none for "
                + "the rejected ones or the rolled-back attempt").isEqualTo(7);
        assertThat(count("select count(distinct upc) from product where tenant_id = '" + tenant + "'")).isEqualTo(7);
        assertThat(count("select count(*) from outbox_event where message_key like 'P-%'")).as("one event per command: nothing of the rolled-back attempt")
                .isEqualTo(chunk.size() + 1);
        assertThat(count("select count(*) from processed_message where message_id in (" + ids(chunk) + ")"))
                .isEqualTo(chunk.size());
    }

    @Test
    void aCleanChunkStoresItsLinksNoticesAndTheBlocksCounterWithItsOutcomes() {
        String tenant = tenant();
        UUID block = TestWorkspaces.addBlock(jdbi, tenant, 100, 104);
        jdbi.useHandle(handle -> {
            handle.execute("insert into artist (tenant_id, id, name, label) values (?, 'artist-1', 'Name', 'Label')",
                    tenant);
            handle.execute("""
                    insert into asset (tenant_id, id, title, duration_seconds, type)
                    values (?, 'asset-1', 'Title', 200, 'Audio')""", tenant);
        });
        String placeholderTenant = tenant();
        List<Envelope<CreateProduct>> chunk = List.of(
                create(tenant, "L-1", null, List.of(new ArtistRef("artist-1", null)),
                        List.of(new AssetRef("asset-1", 1))),
                create(tenant, "L-2", null, List.of(), List.of()),
                create(placeholderTenant, "L-3", null, List.of(), List.of()),
                create(tenant, "L-4", null, List.of(new ArtistRef("artist-unknown", null)), List.of()));

        ingestion.createAllAndSend(chunk);

        assertThat(chunk.stream().map(ProductIngestionTest::status).toList()).containsExactly(201, 201, 201, 400);
        assertThat(TestWorkspaces.nextItemReference(jdbi, block)).isEqualTo(102);
        Map<String, Object> linked = jdbi.withHandle(handle -> handle.createQuery("""
                        select p.label, p.format, p.upc_notice, pa.artist_id, t.asset_id
                        from product p join product_artist pa on pa.tenant_id = p.tenant_id and pa.product_id = p.id
                        join product_asset t on t.tenant_id = p.tenant_id and t.product_id = p.id
                        where p.tenant_id = :tenant and p.id = 'L-1'""").bind("tenant", tenant).mapToMap().one());
        assertThat(linked).containsEntry("label", "Label").containsEntry("format", "Single")
                .containsEntry("artist_id", "artist-1").containsEntry("asset_id", "asset-1");
        assertThat((String) linked.get("upc_notice")).as("3 of 5 numbers left: not below the threshold of 3").isNull();
        assertThat(upcOf(placeholderTenant, "L-3")).startsWith("TEMP");
        assertThat(noticeOf(placeholderTenant, "L-3")).contains("no UPC block");

        List<Envelope<CreateProduct>> low = List.of(create(tenant, "L-5", null, List.of(), List.of()));
        ingestion.createAllAndSend(low);
        assertThat(noticeOf(tenant, "L-5")).contains("only 2 UPCs are left");
        assertThat(count("select count(*) from outbox_event where message_key = '" + tenant + "'"))
                .as("the blocks-low warning").isEqualTo(1);
    }

    @Test
    void aWorkspacesOwnSettingsApplyToTheNextChunk() {
        String tenant = tenant();
        UUID block = TestWorkspaces.addBlock(jdbi, tenant, 200, 299);
        TestWorkspaces.set(jdbi, tenant, "auto-upc", "false");
        ingestion.createAllAndSend(List.of(create(tenant, "S-1", null, List.of(), List.of())));
        TestWorkspaces.set(jdbi, tenant, "auto-upc", "true");
        TestWorkspaces.set(jdbi, tenant, "upc-low-threshold", "100");
        ingestion.createAllAndSend(List.of(create(tenant, "S-2", null, List.of(), List.of())));

        assertThat(upcOf(tenant, "S-1")).startsWith("TEMP");
        assertThat(noticeOf(tenant, "S-1")).contains("auto-UPC is off");
        assertThat(upcOf(tenant, "S-2")).startsWith("0614141");
        assertThat(noticeOf(tenant, "S-2")).contains("only 99 UPCs are left").contains("warning threshold 100");
        assertThat(TestWorkspaces.nextItemReference(jdbi, block)).isEqualTo(201);
    }

    private static Envelope<CreateProduct> create(String tenant, String productId, String upc,
                                                  List<ArtistRef> artists, List<AssetRef> assets) {
        CreateProduct product = new CreateProduct(productId, "Title " + productId, upc, null, null, "Artist",
                "Audio", null, false, null, null, null, null, "active", null, null, null, artists, assets,
                null, null, null);
        return Envelope.create(CatalogMessages.CREATE_PRODUCT, "/test", productId, tenant, UUID.randomUUID(),
                product);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static String upcOf(String tenant, String productId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select upc from product where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", productId).mapTo(String.class).one());
    }

    private static String noticeOf(String tenant, String productId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select upc_notice from product where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", productId).mapTo(String.class).one());
    }

    private static Integer status(Envelope<CreateProduct> command) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select http_status from request_outcome where request_id = :id")
                .bind("id", command.requestId()).mapTo(Integer.class).findOne().orElse(null));
    }

    private static String errorField(Envelope<CreateProduct> command) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select errors -> 0 ->> 'field' from request_outcome where request_id = :id")
                .bind("id", command.requestId()).mapTo(String.class).one());
    }

    private static long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static String ids(List<Envelope<CreateProduct>> commands) {
        return String.join(", ", commands.stream().map(command -> "'" + command.id() + "'").toList());
    }
}

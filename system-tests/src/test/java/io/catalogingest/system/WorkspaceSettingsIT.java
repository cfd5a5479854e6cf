package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.upc.Gtin;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Workspace settings and UPC blocks as data, through the whole pipeline: a workspace admin changes them over HTTP,
 * the ingest-worker applies them, and the next product follows them without a restart. Blocks are validated (shape,
 * capacity, overlap, prefix ownership); numbers are consumed only by stored products; a GTIN is unique across
 * workspaces. Each test works in workspaces of its own.
 */
@CatalogInfrastructureTest
class WorkspaceSettingsIT {

    private static Pipeline pipeline;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theAdminReadsAndChangesTheSettings() {
        String admin = Tokens.admin("settings-ws");
        JsonNode defaults = http.get("/tenant/settings", admin).json().path("data");
        assertThat(setting(defaults, "auto-upc").path("value").asBoolean()).isTrue();
        assertThat(setting(defaults, "auto-upc").path("isDefault").asBoolean()).isTrue();

        Http.Answer changed = http.putJson("/tenant/settings/auto-upc", admin, Map.of("value", "false"));

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().path("data").path("value").asBoolean()).isFalse();
        JsonNode now = http.get("/tenant/settings", admin).json().path("data");
        assertThat(setting(now, "auto-upc").path("value").asBoolean()).isFalse();
        assertThat(setting(now, "auto-upc").path("isDefault").asBoolean()).isFalse();
        assertThat(setting(http.get("/tenant/settings", Tokens.admin("settings-other")).json().path("data"),
                "auto-upc").path("value").asBoolean()).as("another workspace keeps the default").isTrue();

        Http.Answer bad = http.putJson("/tenant/settings/auto-upc", admin, Map.of("value", "maybe"));
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("value");
        assertThat(http.putJson("/tenant/settings/upc-low-threshold", admin, Map.of("value", -1)).status())
                .isEqualTo(400);
        Http.Answer unknown = http.putJson("/tenant/settings/no-such-thing", admin, Map.of("value", "x"));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.json().path("status").asString()).isEqualTo("error");
    }

    @Test
    void onlyTheWorkspacesAdminsReachItsSettingsAndBlocks() {
        String block = Workspaces.addBlock(http, "owner-ws", "0614170", 0, 99);
        String user = Tokens.user("owner-ws");

        assertThat(http.get("/tenant/settings", user).status()).isEqualTo(403);
        assertThat(http.putJson("/tenant/settings/auto-upc", user, Map.of("value", false)).status()).isEqualTo(403);
        assertThat(http.get("/tenant/upc-blocks", user).status()).isEqualTo(403);
        assertThat(http.postJson("/tenant/upc-blocks", user, Map.of("companyPrefix", "0614179")).status())
                .isEqualTo(403);
        assertThat(http.delete("/tenant/upc-blocks/" + block, user).status()).isEqualTo(403);

        String stranger = Tokens.admin("stranger-ws");
        assertThat(http.get("/tenant/upc-blocks/" + block, stranger).status()).isEqualTo(404);
        assertThat(http.delete("/tenant/upc-blocks/" + block, stranger).status()).isEqualTo(404);
        assertThat(http.get("/tenant/upc-blocks", stranger).json().path("data").path("blocks").size()).isZero();
        assertThat(http.get("/tenant/upc-blocks/" + block, Tokens.admin("owner-ws")).json().path("data")
                .path("status").asString()).as("still active").isEqualTo("active");
    }

    @Test
    void aWorkspaceWithoutABlockGetsPlaceholdersUntilItsAdminAddsOne() {
        String user = Tokens.user("newcomer-ws");
        Http.Answer before = http.postJson("/product", user, Map.of("title", "Before", "id", "NEWCOMER-1"));
        assertThat(before.status()).as(before.text()).isEqualTo(201);
        assertThat(before.json().path("upc").asString()).isEqualTo("TEMPNEWCOMER-1");
        assertThat(before.json().path("upcNotice").asString()).contains("no UPC block").contains("/tenant/upc-blocks");
        assertThat(http.get("/product/NEWCOMER-1", user).json().path("product").path("upcNotice").asString())
                .contains("no UPC block");

        Workspaces.addBlock(http, "newcomer-ws", "0614171", 0, 99);
        Http.Answer after = http.postJson("/product", user, Map.of("title", "After"));

        assertThat(after.status()).as(after.text()).isEqualTo(201);
        assertThat(after.json().path("upc").asString()).isEqualTo(upc("0614171", "0000"));
        assertThat(after.json().path("upcNotice").asString()).as("100 numbers are below the default threshold")
                .contains("only 99 UPCs are left");
        JsonNode listed = http.get("/tenant/upc-blocks", Tokens.admin("newcomer-ws")).json().path("data");
        assertThat(listed.path("free").asLong()).isEqualTo(99);
        assertThat(listed.path("blocks").get(0).path("used").asLong()).isEqualTo(1);
        assertThat(listed.path("blocks").get(0).path("free").asLong()).isEqualTo(99);
        assertThat(listed.path("blocks").get(0).path("firstUpc").asString()).isEqualTo(upc("0614171", "0000"));
    }

    @Test
    void aStormOfDuplicateIdsConsumesNoNumbers() {
        String user = Tokens.user("storm-ws");
        Workspaces.addBlock(http, "storm-ws", "0614172", 0, 99);
        assertThat(http.postJson("/product", user, Map.of("title", "Original", "id", "STORM-1")).json()
                .path("upc").asString()).isEqualTo(upc("0614172", "0000"));

        for (int i = 0; i < 5; i++) {
            Http.Answer again = http.postJson("/product", user, Map.of("title", "Again " + i, "id", "STORM-1"));
            assertThat(again.status()).as(again.text()).isEqualTo(409);
            assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
        }
        List<Map<String, Object>> storm = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            storm.add(Map.of("title", "Storm " + i, "id", "STORM-1"));
        }
        storm.add(Map.of("title", "Twice", "id", "STORM-2"));
        storm.add(Map.of("title", "Twice again", "id", "STORM-2"));
        Http.Answer bulk = http.postJson("/product/bulk", user, Map.of("products", storm));
        assertThat(bulk.status()).as(bulk.text()).isEqualTo(201);
        assertThat(bulk.json().path("createdProducts").size()).isEqualTo(1);

        assertThat(http.get("/product/STORM-2", user).json().path("product").path("upc").asString())
                .as("the next number, none lost to the refused ones").isEqualTo(upc("0614172", "0001"));
        JsonNode block = http.get("/tenant/upc-blocks", Tokens.admin("storm-ws")).json().path("data").path("blocks")
                .get(0);
        assertThat(block.path("used").asLong()).isEqualTo(2);
        assertThat(block.path("free").asLong()).isEqualTo(98);
    }

    @Test
    void aHandTypedUpcHeldByAnotherWorkspaceIsAConflictAndAllocationSkipsIt() {
        Workspaces.addBlock(http, "hand-b", "0614173", 0, 9);
        String taken = upc("0614173", "0000");
        Http.Answer typed = http.postJson("/product", Tokens.user("hand-a"), Map.of("title", "Typed", "upc", taken));
        assertThat(typed.status()).as(typed.text()).isEqualTo(201);

        String user = Tokens.user("hand-b");
        Http.Answer allocated = http.postJson("/product", user, Map.of("title", "Allocated"));
        assertThat(allocated.status()).as(allocated.text()).isEqualTo(201);
        assertThat(allocated.json().path("upc").asString()).as("the number typed elsewhere is skipped")
                .isEqualTo(upc("0614173", "0001"));

        for (String form : List.of(taken, "0" + taken)) {
            Http.Answer refused = http.postJson("/product", user, Map.of("title", "Mine?", "upc", form));
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("upc");
            assertThat(refused.text()).doesNotContain("hand-a").doesNotContain("Typed");
        }
    }

    @Test
    void blocksAreValidatedForShapeCapacityOverlapAndOwnership() {
        String admin = Tokens.admin("valid-a");
        assertThat(refusal(admin, Map.of("companyPrefix", "12345"), 400)).isEqualTo("companyPrefix");
        assertThat(refusal(admin, Map.of("companyPrefix", "06141a4"), 400)).isEqualTo("companyPrefix");
        assertThat(refusal(admin, Map.of("companyPrefix", 614174), 400)).isEqualTo("companyPrefix");
        assertThat(refusal(admin, Map.of("companyPrefix", "0614174", "lastItemReference", 10000), 400))
                .isEqualTo("lastItemReference");
        assertThat(refusal(admin, Map.of("companyPrefix", "0614174", "firstItemReference", 50,
                "lastItemReference", 10), 400)).isEqualTo("lastItemReference");
        assertThat(refusal(admin, Map.of("companyPrefix", "0614174", "gtinLength", 14), 400)).isEqualTo("gtinLength");
        assertThat(refusal(admin, Map.of("companyPrefix", "40123456789", "gtinLength", 12), 400))
                .isEqualTo("companyPrefix");

        Workspaces.addBlock(http, "valid-a", "0614174", 0, 99);
        // the same company's EAN-13 form is the same prefix, and its whole range is the whole block
        Http.Answer ean = http.postJson("/tenant/upc-blocks", admin, Map.of("companyPrefix", "00614174",
                "gtinLength", 13, "firstItemReference", 0, "lastItemReference", 9));
        assertThat(ean.status()).as(ean.text()).isEqualTo(409);
        assertThat(ean.json().path("errors").get(0).path("message").asString()).contains("this workspace's block");
        assertThat(refusal(admin, Map.of("companyPrefix", "0614174", "firstItemReference", 50,
                "lastItemReference", 150), 409)).isEqualTo("lastItemReference");
        assertThat(http.postJson("/tenant/upc-blocks", admin, Map.of("companyPrefix", "0614174",
                "firstItemReference", 100, "lastItemReference", 199)).status()).as("its own prefix, next range")
                .isEqualTo(201);

        String other = Tokens.admin("valid-b");
        Http.Answer samePrefix = http.postJson("/tenant/upc-blocks", other, Map.of("companyPrefix", "0614174",
                "firstItemReference", 500, "lastItemReference", 599));
        assertThat(samePrefix.status()).as(samePrefix.text()).isEqualTo(409);
        assertThat(samePrefix.json().path("errors").get(0).path("field").asString()).isEqualTo("companyPrefix");
        assertThat(samePrefix.text()).contains("another workspace").doesNotContain("valid-a");
        assertThat(refusal(other, Map.of("companyPrefix", "061417"), 409)).as("a prefix containing it")
                .isEqualTo("companyPrefix");
        assertThat(refusal(other, Map.of("companyPrefix", "00614174", "gtinLength", 13), 409))
                .as("its EAN-13 form").isEqualTo("companyPrefix");
        assertThat(http.get("/tenant/upc-blocks", other).json().path("data").path("blocks").size()).isZero();
    }

    @Test
    void aRetiredBlockIsNoLongerUsedButItsNumbersStayReserved() {
        String admin = Tokens.admin("retire-ws");
        String user = Tokens.user("retire-ws");
        String block = Workspaces.addBlock(http, "retire-ws", "0614175", 0, 9);
        assertThat(http.postJson("/product", user, Map.of("title", "First")).json().path("upc").asString())
                .isEqualTo(upc("0614175", "0000"));

        Http.Answer retired = http.delete("/tenant/upc-blocks/" + block, admin);

        assertThat(retired.status()).as(retired.text()).isEqualTo(200);
        assertThat(retired.json().path("data").path("status").asString()).isEqualTo("retired");
        assertThat(retired.json().path("data").path("used").asLong()).isEqualTo(1);
        Http.Answer placeholder = http.postJson("/product", user, Map.of("title", "Second", "id", "RETIRED-2"));
        assertThat(placeholder.json().path("upc").asString()).isEqualTo("TEMPRETIRED-2");
        assertThat(http.delete("/tenant/upc-blocks/" + block, admin).status()).as("again: no change").isEqualTo(200);
        assertThat(refusal(admin, Map.of("companyPrefix", "0614175", "firstItemReference", 5,
                "lastItemReference", 15), 409)).isEqualTo("lastItemReference");

        Workspaces.addBlock(http, "retire-ws", "0614175", 10, 19);
        assertThat(http.postJson("/product", user, Map.of("title", "Third")).json().path("upc").asString())
                .isEqualTo(upc("0614175", "0010"));
    }

    @Test
    void runningLowWarnsInTheProductAndByAnEventAndRunningOutSaysHowToAddABlock() {
        String user = Tokens.user("low-ws");
        Workspaces.addBlock(http, "low-ws", "0614176", 0, 4);
        Workspaces.set(http, "low-ws", "upc-low-threshold", 3);
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Http.Answer created = http.postJson("/product", user, Map.of("title", "Low " + i));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            notices.add(created.json().path("upcNotice").asString(""));
        }
        assertThat(notices.subList(0, 2)).allMatch(String::isEmpty);
        assertThat(notices.get(2)).contains("only 2 UPCs are left").contains("POST /tenant/upc-blocks");
        assertThat(notices.get(4)).contains("only 0 UPCs are left");
        JsonNode listed = http.get("/tenant/upc-blocks", Tokens.admin("low-ws")).json().path("data");
        assertThat(listed.path("low").asBoolean()).isTrue();
        assertThat(listed.path("free").asLong()).isZero();

        Http.Answer refused = http.postJson("/product", user, Map.of("title", "One too many"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.json().path("errors").get(0).path("message").asString()).contains("used up")
                .contains("POST /tenant/upc-blocks");

        List<JsonNode> warnings = events("catalog.upc.block-low.v1", "low-ws", 2);
        assertThat(warnings).extracting(event -> event.path("free").asLong()).containsExactly(2L, 0L);
        assertThat(warnings).allMatch(event -> event.path("threshold").asLong() == 3);
    }

    @Test
    void anAdminCanAskForAnAsynchronousAnswerAndRetryWithAnIdempotencyKey() {
        String admin = Tokens.admin("async-ws");
        Http.Answer accepted = http.postJson("/tenant/upc-blocks", admin, Map.of("companyPrefix", "0614177"),
                "Prefer", "respond-async");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String location = accepted.header("Location");
        await().atMost(Duration.ofSeconds(60)).until(() -> "succeeded".equals(http.get(location, admin).json()
                .path("status").asString()));
        String blockLocation = http.get(location, admin).json().path("location").asString();
        assertThat(blockLocation).startsWith("/tenant/upc-blocks/");
        assertThat(http.get(blockLocation, admin).json().path("data").path("lastItemReference").asLong())
                .as("the whole prefix when no range is given").isEqualTo(9999);

        Map<String, Object> body = Map.of("companyPrefix", "0614178", "lastItemReference", 9);
        Http.Answer first = http.postJson("/tenant/upc-blocks", admin, body, "Idempotency-Key", "block-once");
        Http.Answer retry = http.postJson("/tenant/upc-blocks", admin, body, "Idempotency-Key", "block-once");
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        assertThat(retry.json().path("data").path("id").asString())
                .isEqualTo(first.json().path("data").path("id").asString());
        assertThat(http.postJson("/tenant/upc-blocks", admin, Map.of("companyPrefix", "0614178",
                "firstItemReference", 10, "lastItemReference", 19), "Idempotency-Key", "block-once").status())
                .isEqualTo(409);
        assertThat(http.get("/tenant/upc-blocks", admin).json().path("data").path("blocks").size()).isEqualTo(2);
    }

    private static String refusal(String token, Map<String, Object> body, int status) {
        Http.Answer answer = http.postJson("/tenant/upc-blocks", token, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().path("status").asString()).isEqualTo("error");
        return answer.json().path("errors").get(0).path("field").asString();
    }

    private static JsonNode setting(JsonNode settings, String name) {
        return settings.valueStream().filter(setting -> name.equals(setting.path("name").asString())).findFirst()
                .orElseThrow();
    }

    /** A GTIN-12 of the prefix and item reference, with its check digit. */
    private static String upc(String prefix, String itemReference) {
        return prefix + itemReference + Gtin.checkDigit(prefix + itemReference);
    }

    /** The payloads of the events of a type and subject on the catalog event topic, once there are {@code count}. */
    private static List<JsonNode> events(String type, String subject, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.isolation().springProperties().get("spring.kafka.bootstrap-servers"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "events-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Set<String> seen = new HashSet<>();
        List<JsonNode> inOrder = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(pipeline.isolation().topic(Topics.CATALOG_EVENTS)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (type.equals(header(record, "ce_type")) && subject.equals(header(record, "ce_subject"))
                            && seen.add(header(record, "ce_id"))) {
                        inOrder.add(Http.JSON.readTree(new String(record.value(), StandardCharsets.UTF_8)));
                    }
                }
                return inOrder.size() >= count;
            });
        }
        return inOrder;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

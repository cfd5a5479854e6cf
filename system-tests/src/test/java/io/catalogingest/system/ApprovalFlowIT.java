package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.common.upc.Upc;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5 end to end, through real Kafka, Postgres and S3: a review published straight to Kafka (as an internal
 * review service would) or through the admin endpoint is applied only to a submitted release; an approval promotes
 * every file to the permanent bucket, makes the product and assets, and completes the release; a rejection leaves
 * the files in temporary storage and the release open for changes and a new submission.
 */
@CatalogInfrastructureTest
class ApprovalFlowIT {

    private static final String TENANT = "tenant-approval";
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static Pipeline pipeline;
    private static Http http;
    private static Isolation isolation;
    private static ApprovalFixtures fixtures;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        pipeline = Pipeline.start(isolation, Map.of("catalog.approval.poll-interval", "1s"));
        http = new Http(pipeline.gatewayUrl());
        fixtures = new ApprovalFixtures(infrastructure, isolation, http);
        Workspaces.addBlock(http, TENANT, "0614161", 0, 999);
    }

    @AfterAll
    static void stop() {
        if (fixtures != null) {
            fixtures.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void approvalPromotesEveryFileCreatesTheProductAndCompletesTheRelease() throws Exception {
        String user = Tokens.user(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Two Track Single", Map.of(), "One", "Two");
        String artwork = fixtures.uploadThroughGateway(http, user, release.id(), null, "cover.png",
                ApprovalFixtures.png(), "image/png");
        String first = fixtures.uploadThroughGateway(http, user, release.id(), release.trackIds().get(0), "one.wav",
                ApprovalFixtures.wav(3), "audio/wav");
        String second = fixtures.uploadThroughGateway(http, user, release.id(), release.trackIds().get(1), "two.wav",
                ApprovalFixtures.wav(2), "audio/wav");
        List<String> keys = List.of(artwork, first, second);
        submit(user, release.id());

        fixtures.approve(TENANT, release.id());

        String prefix = StorageKeys.releasePrefix(TENANT, release.id());
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed");
            assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(fixtures.keys(isolation.tempBucket(), prefix)).isEmpty();
        });

        JsonNode view = http.get("/releases/" + release.id(), user).json().path("data");
        assertThat(view.path("status").asString()).isEqualTo("completed");
        assertThat(view.path("autoCreationStatus").asString()).isEqualTo("success");
        assertThat(view.path("feedback").asString()).isEqualTo("Looks good");
        String productId = view.path("createdProductId").asString();
        assertThat(productId).isNotBlank();

        List<JsonNode> media = media(user, release.id());
        assertThat(media).hasSize(3);
        for (JsonNode file : media) {
            assertThat(file.path("status").asString()).isEqualTo("promoted");
            String url = file.path("cloudUrl").asString();
            assertThat(url).contains("/" + isolation.mediaBucket() + "/").doesNotContain(isolation.tempBucket());
            HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).as(url).isEqualTo(200);
            assertThat(ApprovalFixtures.sha256(fetched.body())).isEqualTo(file.path("metadata").path("sha256")
                    .asString());
        }

        JsonNode product = http.get("/product/" + productId, user).json().path("product");
        assertThat(Upc.problemWith(product.path("upc").asString())).isEmpty();
        assertThat(product.path("format").asString()).isEqualTo("Single");
        assertThat(product.path("title").asString()).isEqualTo("Two Track Single");
        assertThat(product.path("assets").size()).isEqualTo(2);
        assertThat(product.path("media").size()).as("the release artwork is the product's media").isEqualTo(1);
        assertThat(product.path("media").get(0).path("url").asString()).contains("/" + isolation.mediaBucket() + "/");
        assertThat(fixtures.count("select count(*) from product where tenant_id = ?", TENANT)).isEqualTo(1);
        assertThat(fixtures.count("select count(*) from release_track where release_id = cast(? as uuid) "
                + "and asset_id is not null", release.id())).isEqualTo(2);
        assertThat(fixtures.count("select count(*) from product_media where product_id = ?", productId)).isEqualTo(1);
        assertThat(fixtures.count("select count(*) from asset_media a join release_track t on t.asset_id = a.asset_id "
                + "where t.release_id = cast(? as uuid)", release.id())).isEqualTo(2);
        assertThat(fixtures.events(Topics.RELEASE_EVENTS, "catalog.media.promoted.v1", release.id())).hasSize(3);
        assertThat(fixtures.events(Topics.RELEASE_EVENTS, "catalog.release.completed.v1", release.id())).hasSize(1);

        // approving it again is refused and repeats nothing
        fixtures.approve(TENANT, release.id());
        await().atMost(WITHIN).until(() -> fixtures.events(Topics.RELEASE_EVENTS,
                "catalog.release.command-rejected.v1", release.id()).size() == 1);
        ConsumerRecord<String, byte[]> refused = fixtures.events(Topics.RELEASE_EVENTS,
                "catalog.release.command-rejected.v1", release.id()).get(0);
        assertThat(ApprovalFixtures.value(refused).path("status").asInt()).isEqualTo(400);
        assertThat(ApprovalFixtures.value(refused).path("message").asString()).contains("completed");
        assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed");
        assertThat(fixtures.count("select count(*) from product where tenant_id = ?", TENANT)).isEqualTo(1);
        assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).hasSize(3);
        assertThat(fixtures.events(Topics.RELEASE_EVENTS, "catalog.media.promoted.v1", release.id())).hasSize(3);
    }

    @Test
    void approvingADraftIsRefusedAndChangesNothing() {
        String user = Tokens.user(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Still a Draft", Map.of(), "Only");
        String key = fixtures.upload(TENANT, release.id(), release.trackIds().get(0), "only.wav",
                ApprovalFixtures.wav(1), "audio/wav");

        fixtures.approve(TENANT, release.id());

        await().atMost(WITHIN).until(() -> fixtures.events(Topics.RELEASE_EVENTS,
                "catalog.release.command-rejected.v1", release.id()).size() == 1);
        JsonNode refused = ApprovalFixtures.value(fixtures.events(Topics.RELEASE_EVENTS,
                "catalog.release.command-rejected.v1", release.id()).get(0));
        assertThat(refused.path("command").asString()).isEqualTo("catalog.release.approved.v1");
        assertThat(refused.path("message").asString()).contains("draft");
        assertThat(fixtures.releaseStatus(release.id())).isEqualTo("draft");
        String upload = fixtures.uploadKeyOf(key);
        assertThat(fixtures.keys(isolation.tempBucket(), upload)).containsExactly(upload);
        assertThat(fixtures.keys(isolation.mediaBucket(), key)).isEmpty();

        // the admin endpoint says the same, synchronously
        Http.Answer answer = http.postJson("/releases/" + release.id() + "/review", Tokens.admin(TENANT),
                Map.of("action", "approve"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().path("message").asString()).contains("draft");
        assertThat(fixtures.releaseStatus(release.id())).isEqualTo("draft");
    }

    @Test
    void rejectedReleaseKeepsItsFilesTakesChangesAndCanBeResubmittedAndApproved() {
        String user = Tokens.user(TENANT);
        String admin = Tokens.admin(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Second Try", Map.of(), "Song");
        String track = fixtures.upload(TENANT, release.id(), release.trackIds().get(0), "song.wav",
                ApprovalFixtures.wav(2), "audio/wav");
        submit(user, release.id());

        Http.Answer rejected = http.postJson("/releases/" + release.id() + "/review", admin,
                Map.of("action", "reject", "feedback", "Please add the artwork"));

        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().path("message").asString()).isEqualTo("Release rejected successfully");
        assertThat(rejected.json().path("data").path("status").asString()).isEqualTo("rejected");
        assertThat(rejected.json().path("data").path("feedback").asString()).isEqualTo("Please add the artwork");
        String trackUpload = fixtures.uploadKeyOf(track);
        assertThat(fixtures.keys(isolation.tempBucket(), trackUpload)).containsExactly(trackUpload);
        assertThat(fixtures.keys(isolation.mediaBucket(), track)).isEmpty();

        String artwork = fixtures.upload(TENANT, release.id(), null, "cover.png", ApprovalFixtures.png(),
                "image/png");
        submit(user, release.id());
        Http.Answer approved = http.postJson("/releases/" + release.id() + "/review", admin,
                Map.of("action", "approve", "feedback", "Thanks"));

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().path("message").asString()).isEqualTo("Release approved successfully");
        assertThat(approved.json().path("data").path("status").asString()).isIn("approved", "completed");
        String prefix = StorageKeys.releasePrefix(TENANT, release.id());
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed");
            assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).containsExactlyInAnyOrder(track, artwork);
            assertThat(fixtures.keys(isolation.tempBucket(), prefix)).isEmpty();
        });
    }

    @Test
    void reviewEndpointIsForAdminsAndChecksItsBody() {
        String user = Tokens.user(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Guarded", Map.of(), "Track");
        String path = "/releases/" + release.id() + "/review";

        assertThat(http.postJson(path, user, Map.of("action", "approve")).status()).isEqualTo(403);
        Http.Answer bad = http.postJson(path, Tokens.admin(TENANT), Map.of("action", "maybe"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("action");
        Http.Answer noFeedback = http.postJson(path, Tokens.admin(TENANT), Map.of("action", "reject"));
        assertThat(noFeedback.status()).isEqualTo(400);
        assertThat(noFeedback.json().path("errors").get(0).path("field").asString()).isEqualTo("feedback");
        assertThat(http.postJson(path, Tokens.admin("another-tenant"), Map.of("action", "approve")).status())
                .isEqualTo(404);
    }

    private static void submit(String token, String releaseId) {
        Http.Answer submitted = http.postJson("/releases/" + releaseId + "/submit", token, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        assertThat(fixtures.releaseStatus(releaseId)).isEqualTo("submitted");
    }

    /** GET /releases/{id}/media when the gateway has it, else the media of GET /releases/{id}. */
    private static List<JsonNode> media(String token, String releaseId) {
        Http.Answer answer = http.get("/releases/" + releaseId + "/media", token);
        if (answer.status() == 200) {
            return answer.json().path("data").valueStream().toList();
        }
        JsonNode data = http.get("/releases/" + releaseId, token).json().path("data");
        List<JsonNode> media = new java.util.ArrayList<>(data.path("media").valueStream().toList());
        data.path("tracks").valueStream().forEach(track -> track.path("media").valueStream().forEach(media::add));
        return media;
    }
}

package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's OpenAPI document: served without a token, a superset of Royalti's for the release media upload
 * (seed 000), describing the create-product form (seed 003) field by field — and true: real answers of a running
 * pipeline validate against the schemas it states for their status codes (networknt's JSON Schema 2020-12 validator,
 * the dialect of OpenAPI 3.1).
 */
@CatalogInfrastructureTest
class OpenApiIT {

    private static final String MEDIA_FILES = "/releases/{id}/media/files";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static Pipeline pipeline;
    private static Http http;
    private static JsonNode document;

    @BeforeAll
    static void start(Infrastructure infrastructure) throws IOException {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
        Http.Answer docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        document = docs.json();
        Path copy = Path.of("target", "openapi.json");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theDocumentIsOpenApi31AndPublicWhileTheApiIsNot() {
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(http.get("/swagger-ui.html", null).status()).isIn(200, 302);
        assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        assertThat(http.get("/product", null).status()).isEqualTo(401);
        assertThat(document.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asString())
                .isEqualTo("bearer");
        for (String path : List.of("/product", "/product/{id}", "/product/bulk", "/artist", "/asset", "/releases",
                "/releases/{id}", "/releases/{id}/submit", "/releases/{id}/review", MEDIA_FILES,
                "/releases/{id}/tracks/{trackId}/media/file", "/releases/{id}/media", "/requests/{requestId}",
                "/tenant/settings", "/tenant/settings/{name}", "/tenant/upc-blocks", "/releases/{id}/tracks",
                "/releases/{id}/tracks/{trackId}", "/releases/{id}/tracks/reorder", "/releases/{id}/tracks/link-asset",
                "/releases/{id}/retry-auto-creation", "/releases/{id}/revert-status", "/releases/{id}/media/links",
                "/releases/{id}/tracks/{trackId}/media/link", "/asset/bulk")) {
            assertThat(document.path("paths").has(path)).as(path).isTrue();
        }
        assertThat(document.path("paths").has("/releases/stats")).as("/releases/stats").isTrue();
        assertThat(document.path("paths").has("/product/")).as("trailing-slash twins are left out").isFalse();
    }

    /** Every write that takes a body states its schema, even where the controller reads the body itself. */
    @Test
    void everyBodyIsDescribed() {
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("/product", "post");
        writes.put("/product/bulk", "post");
        writes.put("/product/{id}/assets", "put");
        writes.put("/releases", "post");
        writes.put("/artist", "post");
        writes.put("/asset", "post");
        writes.put("/releases/{id}/review", "post");
        writes.put(MEDIA_FILES, "post");
        writes.put("/releases/{id}/tracks/{trackId}/media/file", "post");
        writes.put("/tenant/settings/{name}", "put");
        writes.put("/tenant/upc-blocks", "post");
        writes.put("/releases/{id}", "put");
        writes.put("/releases/{id}/tracks", "post");
        writes.put("/releases/{id}/tracks/{trackId}", "put");
        writes.put("/releases/{id}/tracks/reorder", "post");
        writes.put("/releases/{id}/tracks/link-asset", "post");
        writes.put("/releases/{id}/revert-status", "post");
        writes.put("/releases/{id}/media/links", "post");
        writes.put("/releases/{id}/tracks/{trackId}/media/link", "post");
        writes.put("/product/{id}", "put");
        writes.put("/asset/bulk", "post");
        for (Map.Entry<String, String> write : writes.entrySet()) {
            JsonNode content = document.path("paths").path(write.getKey()).path(write.getValue())
                    .path("requestBody").path("content");
            assertThat(content.isObject() && content.size() > 0).as(write.toString()).isTrue();
            JsonNode schema = resolve(document, content.properties().iterator().next().getValue().path("schema"));
            assertThat(schema.path("properties").size()).as(write + " names its fields").isPositive();
        }
        JsonNode release = resolve(document, document.path("paths").path("/releases").path("post")
                .path("requestBody").path("content").path("application/json").path("schema"));
        assertThat(release.path("properties").path("title").path("maxLength").asInt()).isEqualTo(255);
        assertThat(texts(release.path("required"))).contains("title", "displayArtist", "artists");
        JsonNode review = resolve(document, document.path("paths").path("/releases/{id}/review").path("post")
                .path("requestBody").path("content").path("application/json").path("schema"));
        assertThat(texts(review.path("properties").path("action").path("enum"))).containsExactly("approve", "reject");
        JsonNode reviewAnswers = document.path("paths").path("/releases/{id}/review").path("post").path("responses");
        assertThat(reviewAnswers.has("409")).as("a review of a release that is not submitted is a 400, not a 409").isFalse();
        assertThat(reviewAnswers.path("400").path("description").asString()).contains("not submitted");
        JsonNode update = resolve(document, document.path("paths").path("/releases/{id}").path("put")
                .path("requestBody").path("content").path("application/json").path("schema"));
        assertThat(update.path("properties").path("title").path("maxLength").asInt()).isEqualTo(255);
        assertThat(update.path("required").isMissingNode() || update.path("required").isEmpty())
                .as("every field of an update is optional").isTrue();
        JsonNode revert = resolve(document, document.path("paths").path("/releases/{id}/revert-status").path("post")
                .path("requestBody").path("content").path("application/json").path("schema"));
        assertThat(texts(revert.path("properties").path("targetStatus").path("enum")))
                .containsExactly("draft", "submitted");
        assertThat(texts(revert.path("required"))).contains("targetStatus", "reason");
        JsonNode productUpdate = resolve(document, document.path("paths").path("/product/{id}").path("put")
                .path("requestBody").path("content").path("application/json").path("schema"));
        assertThat(productUpdate.path("required").isMissingNode() || productUpdate.path("required").isEmpty())
                .as("every field of a product update is optional").isTrue();
        for (String delete : List.of("/releases/{id}", "/releases/{id}/tracks/{trackId}", "/product/{id}")) {
            assertThat(document.path("paths").path(delete).path("delete").isObject()).as("DELETE " + delete).isTrue();
        }
    }

    /** Seed 000: same path, method, request schema and 201 schema; ours may add fields, never drop or retype one. */
    @Test
    void theMediaUploadIsASupersetOfRoyaltis() {
        JsonNode seed = seedDocument();
        JsonNode theirs = seed.path("paths").path(MEDIA_FILES).path("post");
        JsonNode ours = document.path("paths").path(MEDIA_FILES).path("post");
        assertThat(ours.isObject()).as("POST " + MEDIA_FILES + " is documented").isTrue();

        JsonNode theirId = theirs.path("parameters").get(0);
        JsonNode ourId = null;
        for (JsonNode parameter : ours.path("parameters")) {
            if ("id".equals(parameter.path("name").asString()) && "path".equals(parameter.path("in").asString())) {
                ourId = parameter;
            }
        }
        assertThat(ourId).as("the path parameter id").isNotNull();
        assertThat(ourId.path("required").asBoolean()).isTrue();
        List<String> problems = new ArrayList<>();
        contained(seed, theirId.path("schema"), document, ourId.path("schema"), "parameters.id", problems);

        assertThat(ours.path("requestBody").path("required").asBoolean()).isEqualTo(
                theirs.path("requestBody").path("required").asBoolean());
        contained(seed, theirs.path("requestBody").path("content").path("multipart/form-data").path("schema"),
                document, ours.path("requestBody").path("content").path("multipart/form-data").path("schema"),
                "requestBody", problems);
        contained(seed, theirs.path("responses").path("201").path("content").path("application/json").path("schema"),
                document, ours.path("responses").path("201").path("content").path("application/json").path("schema"),
                "201", problems);
        for (String status : List.of("400", "401", "404")) {
            JsonNode their = resolveResponse(seed, theirs.path("responses").path(status));
            JsonNode our = resolveResponse(document, ours.path("responses").path(status));
            contained(seed, their.path("content").path("application/json").path("schema"), document,
                    our.path("content").path("application/json").path("schema"), status, problems);
        }
        assertThat(problems).isEmpty();
    }

    /** Seed 003: every field of the create-product form, with its limits. */
    @Test
    void theCreateProductFormIsDescribedWithEveryFieldAndLimit() {
        JsonNode body = document.path("paths").path("/product").path("post").path("requestBody").path("content");
        assertThat(body.has("multipart/form-data")).isTrue();
        assertThat(body.has("application/json")).isTrue();
        JsonNode form = resolve(document, body.path("multipart/form-data").path("schema"));
        JsonNode fields = form.path("properties");
        assertThat(form.path("required").toString()).contains("\"title\"");
        assertThat(fields.path("title").path("minLength").asInt()).isEqualTo(1);
        assertThat(fields.path("title").path("maxLength").asInt()).isEqualTo(255);
        for (String field : List.of("id", "catalogNumber", "catalog", "externalId", "version", "mainGenre",
                "subGenre")) {
            assertThat(fields.path(field).path("maxLength").asInt()).as(field).isEqualTo(100);
        }
        assertThat(fields.path("displayArtist").path("maxLength").asInt()).isEqualTo(255);
        assertThat(fields.path("catalog").path("deprecated").asBoolean()).isTrue();
        assertThat(texts(fields.path("type").path("enum"))).containsExactly("Audio", "Video");
        assertThat(fields.path("type").path("default").asString()).isEqualTo("Audio");
        assertThat(texts(fields.path("status").path("enum"))).containsExactly("active", "inactive", "pending");
        assertThat(fields.path("status").path("default").asString()).isEqualTo("active");
        assertThat(types(fields.path("explicit"))).contains("boolean");
        assertThat(fields.path("releaseDate").path("format").asString()).isEqualTo("date");
        assertThat(fields.path("takedownDate").path("format").asString()).isEqualTo("date");
        assertThat(fields.has("upc")).isTrue();
        assertThat(types(fields.path("distribution"))).contains("object");
        assertThat(types(fields.path("metadata"))).contains("object");
        assertThat(types(fields.path("contributors"))).contains("array");
        JsonNode artist = resolve(document, fields.path("artists").path("items"));
        assertThat(artist.path("properties").has("id")).isTrue();
        assertThat(texts(artist.path("properties").path("type").path("enum"))).containsExactly("primary", "featuring");
        JsonNode asset = resolve(document, fields.path("assets").path("items"));
        assertThat(asset.path("properties").has("asset")).isTrue();
        assertThat(asset.path("properties").path("number").path("maximum").asInt()).isEqualTo(9999);
    }

    /** Real answers, each checked against the schema the document states for its path, method and status. */
    @Test
    void realAnswersValidateAgainstTheDocument() {
        String tenant = "tenant-openapi";
        String user = Tokens.user(tenant);
        String admin = Tokens.admin(tenant);
        List<String> problems = new ArrayList<>();

        Http.Answer release = http.postJson("/releases", user, ReleaseIT.release("Documented", 2));
        check(release, "post", "/releases", 201, problems);
        String releaseId = release.json().path("data").path("id").asString();
        check(http.get("/releases/" + releaseId, user), "get", "/releases/{id}", 200, problems);
        check(http.get("/releases?limit=5", user), "get", "/releases", 200, problems);
        check(http.get("/releases?status=bogus", user), "get", "/releases", 400, problems);
        check(http.get("/releases/stats", user), "get", "/releases/stats", 200, problems);
        check(http.get("/artist?size=5&q=a", user), "get", "/artist", 200, problems);
        check(http.get("/artist?size=0", user), "get", "/artist", 400, problems);
        check(http.get("/asset?limit=5&type=Audio", user), "get", "/asset", 200, problems);
        check(http.get("/asset?type=Ringtone", user), "get", "/asset", 400, problems);

        Http.Answer upload = http.postFile("/releases/" + releaseId + "/media/files", user, "files", "cover.png",
                MediaIT.image("png", 64, 64), "image/png");
        check(upload, "post", MEDIA_FILES, 201, problems);
        check(http.get("/releases/" + releaseId + "/media", user), "get", "/releases/{id}/media", 200, problems);
        String trackId = release.json().path("data").path("tracks").get(0).path("id").asString();
        check(http.postFile("/releases/" + releaseId + "/tracks/" + trackId + "/media/file", user, "file",
                        "track.wav", MediaIT.wav(44_100, 2, 0.5), "audio/wav"), "post",
                "/releases/{id}/tracks/{trackId}/media/file", 200, problems);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "Documented Product");
        form.put("type", "Audio");
        form.put("releaseDate", "2024-06-15");
        Http.Answer product = http.postForm("/product", user, form);
        check(product, "post", "/product", 201, problems);
        String productId = product.json().path("id").asString();
        check(http.get("/product/" + productId, user), "get", "/product/{id}", 200, problems);
        check(http.get("/product?size=5", user), "get", "/product", 200, problems);
        check(http.postForm("/product", user, Map.of("title", "")), "post", "/product", 400, problems);
        check(http.get("/product/no-such-product", user), "get", "/product/{id}", 404, problems);
        check(http.get("/product/" + productId, null), "get", "/product/{id}", 401, problems);

        Http.Answer later = http.postForm("/product", user, Map.of("title", "Later"), "Prefer", "respond-async");
        check(later, "post", "/product", 202, problems);
        check(http.get(later.header("Location"), user), "get", "/requests/{requestId}", 200, problems);

        check(http.putJson("/product/" + productId, user, Map.of("title", "Documented Again")), "put",
                "/product/{id}", 200, problems);
        check(http.putJson("/product/" + productId, user, Map.of("title", "")), "put", "/product/{id}", 400, problems);
        check(http.delete("/product/" + productId, user), "delete", "/product/{id}", 200, problems);
        check(http.delete("/product/" + productId, user), "delete", "/product/{id}", 404, problems);
        check(http.putJson("/product/" + productId, user, Map.of("title", "Gone")), "put", "/product/{id}", 404,
                problems);
        check(http.postJson("/asset/bulk", user, Map.of("assets", List.of(Map.of("title", "Documented Track",
                "displayArtist", "Someone"), Map.of("title", "")))), "post", "/asset/bulk", 201, problems);

        check(http.get("/tenant/settings", admin), "get", "/tenant/settings", 200, problems);
        check(http.get("/tenant/settings", user), "get", "/tenant/settings", 403, problems);
        check(http.get("/tenant/upc-blocks", admin), "get", "/tenant/upc-blocks", 200, problems);
        assertThat(problems).isEmpty();
    }

    /** Adds to {@code problems} what is wrong with the answer, judged by the document; the status must be expected. */
    private static void check(Http.Answer answer, String method, String path, int status, List<String> problems) {
        String where = method.toUpperCase() + " " + path + " " + status;
        if (answer.status() != status) {
            problems.add(where + ": got " + answer.status() + " " + answer.text());
            return;
        }
        JsonNode response = resolveResponse(document,
                document.path("paths").path(path).path(method).path("responses").path(String.valueOf(status)));
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            problems.add(where + ": the document states no JSON body for it");
            return;
        }
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.path("components"));
        root.putArray("allOf").add(schema);
        List<Error> errors = SCHEMAS.getSchema(root).validate(answer.json());
        errors.stream().limit(5).forEach(error -> problems.add(where + ": " + error.getInstanceLocation() + " "
                + error.getMessage()));
    }

    /**
     * Adds to {@code problems} where {@code ours} does not hold everything {@code theirs} states: the same type and
     * format, every property (recursively), every required name, the items of an array.
     */
    private static void contained(JsonNode theirDocument, JsonNode theirs, JsonNode ourDocument, JsonNode ours,
                                  String where, List<String> problems) {
        JsonNode their = resolve(theirDocument, theirs);
        JsonNode our = nonNull(resolve(ourDocument, ours), ourDocument);
        if (our.isMissingNode()) {
            problems.add(where + ": missing");
            return;
        }
        if (their.has("type") && !types(our).contains(their.path("type").asString())) {
            problems.add(where + ": type " + types(our) + " instead of " + their.path("type").asString());
        }
        if (their.has("format") && !sameFormat(their.path("format").asString(), our)) {
            problems.add(where + ": format " + our.path("format").asString() + " instead of "
                    + their.path("format").asString());
        }
        for (JsonNode name : their.path("required")) {
            if (!texts(our.path("required")).contains(name.asString())) {
                problems.add(where + ": '" + name.asString() + "' is not required");
            }
        }
        for (Map.Entry<String, JsonNode> property : their.path("properties").properties()) {
            contained(theirDocument, property.getValue(), ourDocument, our.path("properties").path(property.getKey()),
                    where + "." + property.getKey(), problems);
        }
        if (their.has("items")) {
            contained(theirDocument, their.path("items"), ourDocument, our.path("items"), where + "[]", problems);
        }
    }

    /** A binary string is {@code format: binary} in OpenAPI 3.0 and may be {@code contentMediaType} in 3.1. */
    private static boolean sameFormat(String format, JsonNode ours) {
        return format.equals(ours.path("format").asString())
                || "binary".equals(format) && ours.has("contentMediaType");
    }

    /** The branch of a {@code oneOf [X, null]} that is not null (a nullable property); else the schema itself. */
    private static JsonNode nonNull(JsonNode schema, JsonNode root) {
        if (schema.has("oneOf") && schema.path("oneOf").size() == 2) {
            for (JsonNode branch : schema.path("oneOf")) {
                if (!types(branch).equals(List.of("null"))) {
                    return resolve(root, branch);
                }
            }
        }
        return schema;
    }

    private static JsonNode resolveResponse(JsonNode root, JsonNode response) {
        return resolve(root, response);
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            current = root.at(current.path("$ref").asString().substring(1));
        }
        return current;
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isArray() ? texts(type) : type.isString() ? List.of(type.asString()) : List.of();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static JsonNode seedDocument() {
        try (InputStream in = OpenApiIT.class.getResourceAsStream("/openapi/royalti-release-media-files.yaml")) {
            Object yaml = new Yaml().load(in);
            return Http.JSON.valueToTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

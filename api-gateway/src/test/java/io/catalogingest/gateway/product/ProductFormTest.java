package io.catalogingest.gateway.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.UpdateProduct;
import io.catalogingest.gateway.web.FormException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ProductFormTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Field, the longest accepted value, and one character more. */
    static Stream<Arguments> lengthLimits() {
        return Stream.of(
                Arguments.of("title", 255),
                Arguments.of("catalogNumber", 100),
                Arguments.of("catalog", 100),
                Arguments.of("externalId", 100),
                Arguments.of("displayArtist", 255),
                Arguments.of("version", 100),
                Arguments.of("mainGenre", 100),
                Arguments.of("subGenre", 100),
                Arguments.of("id", 100));
    }

    @ParameterizedTest
    @MethodSource("lengthLimits")
    void acceptsTheLimitAndRefusesOneMore(String field, int limit) {
        assertThat(kept(command(with(field, "a".repeat(limit))), field)).isEqualTo("a".repeat(limit));
        assertThat(errorsOf(with(field, "a".repeat(limit + 1))))
                .containsExactly(new FieldError(field, "must be at most " + limit + " characters"));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("type", "Vinyl"),
                Arguments.of("status", "Live"),
                Arguments.of("explicit", "maybe"),
                Arguments.of("releaseDate", "2024-02-30"),
                Arguments.of("takedownDate", "31/12/2024"),
                Arguments.of("upc", "123456789013"),
                Arguments.of("upc", "12345678901"),
                Arguments.of("upc", "TEMP12345678"),
                Arguments.of("id", "-starts-with-dash"),
                Arguments.of("id", "has space"),
                Arguments.of("title", "tab\u0007bell"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValuesNamingTheField(String field, String value) {
        assertThat(fieldsOf(with(field, value))).containsExactly(field);
    }

    @Test
    void titleIsRequired() {
        assertThat(fieldsOf(Map.of("version", "x"))).containsExactly("title");
        assertThat(fieldsOf(Map.of("title", "   "))).containsExactly("title");
    }

    @Test
    void reportsEveryViolationAtOnce() {
        assertThat(fieldsOf(Map.of("title", "", "type", "Vinyl", "status", "gone", "upc", "1", "bogus", 1)))
                .containsExactlyInAnyOrder("title", "type", "status", "upc", "bogus");
    }

    @Test
    void takedownMustNotPrecedeRelease() {
        assertThat(fieldsOf(Map.of("title", "T", "releaseDate", "2024-06-15", "takedownDate", "2024-06-14")))
                .containsExactly("takedownDate");
        assertThat(command(Map.of("title", "T", "releaseDate", "2024-06-15", "takedownDate", "2024-06-15"))
                .takedownDate()).hasToString("2024-06-15");
    }

    @Test
    void enumsAreCaseInsensitiveAndNormalized() {
        CreateProduct product = command(Map.of("title", "T", "type", "video", "status", "PENDING", "explicit", "clean"));
        assertThat(product.type()).isEqualTo("Video");
        assertThat(product.status()).isEqualTo("pending");
        assertThat(product.explicit()).isFalse();
    }

    @Test
    void catalogIsADeprecatedAliasThatCatalogNumberOverrides() {
        ProductForm alias = ProductForm.fromJson(JSON.valueToTree(Map.of("title", "T", "catalog", "C-1")));
        assertThat(alias.usesDeprecatedCatalog()).isTrue();
        assertThat(alias.toCommand(JSON).catalogNumber()).isEqualTo("C-1");
        assertThat(command(Map.of("title", "T", "catalog", "old", "catalogNumber", "new")).catalogNumber())
                .isEqualTo("new");
    }

    @Test
    void multipartIndexedArtistsAndAssetsBecomeArraysInIndexOrder() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("title", List.of("Summer Vibes"));
        fields.put("artists[1]", List.of("{\"id\":\"artist-456\",\"type\":\"featuring\"}"));
        fields.put("artists[0]", List.of("{\"id\":\"artist-123\",\"type\":\"primary\"}"));
        fields.put("assets[0]", List.of("{\"asset\":\"asset-789\",\"number\":1}"));
        fields.put("assets[1]", List.of("{\"asset\":\"asset-790\",\"number\":2}"));
        fields.put("contributors", List.of("{\"name\":\"A\",\"role\":\"Producer\",\"share\":50}"));
        fields.put("distribution", List.of("{}"));
        fields.put("explicit", List.of("false"));

        CreateProduct product = ProductForm.fromMultipart(fields, JSON).toCommand(JSON);

        assertThat(product.artists()).containsExactly(new ArtistRef("artist-123", "primary"),
                new ArtistRef("artist-456", "featuring"));
        assertThat(product.assets()).containsExactly(new AssetRef("asset-789", 1), new AssetRef("asset-790", 2));
        assertThat(product.contributors().path("share").asInt()).isEqualTo(50);
        assertThat(product.distribution().isObject()).isTrue();
    }

    @Test
    void multipartReadErrorsComeWithTheOthers() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("title", List.of(""));
        fields.put("artists[0]", List.of("{not json"));
        fields.put("metadata", List.of("[1"));
        fields.put("status", List.of("active", "inactive"));

        assertThatThrownBy(() -> ProductForm.fromMultipart(fields, JSON).toCommand(JSON))
                .isInstanceOfSatisfying(FormException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("title", "artists[0]", "metadata", "status"));
    }

    @Test
    void artistAndAssetReferencesAreChecked() {
        assertThat(fieldsOf(Map.of("title", "T", "artists", List.of(Map.of("id", "a", "type", "guest")))))
                .containsExactly("artists[0].type");
        assertThat(fieldsOf(Map.of("title", "T", "artists", List.of(Map.of("type", "primary")))))
                .containsExactly("artists[0].id");
        assertThat(fieldsOf(Map.of("title", "T", "artists", List.of(Map.of("id", "a"), Map.of("id", "a")))))
                .containsExactly("artists[1].id");
        assertThat(fieldsOf(Map.of("title", "T", "assets", List.of(Map.of("asset", "x", "number", 0)))))
                .containsExactly("assets[0].number");
        assertThat(fieldsOf(Map.of("title", "T", "assets", List.of(Map.of("asset", "x", "number", 1),
                Map.of("asset", "y", "number", 1))))).containsExactly("assets[1].number");
        assertThat(fieldsOf(Map.of("title", "T", "assets", "asset-1"))).containsExactly("assets");
    }

    @Test
    void jsonValuedFieldsMustHaveTheirShape() {
        assertThat(fieldsOf(Map.of("title", "T", "contributors", "x", "distribution", List.of(), "metadata", 3)))
                .containsExactlyInAnyOrder("contributors", "distribution", "metadata");
        assertThat(command(Map.of("title", "T", "contributors", List.of(Map.of("name", "A")))).contributors())
                .isEqualTo(JSON.valueToTree(List.of(Map.of("name", "A"))));
    }

    @Test
    void meadExtrasAreKeptInTheMetadata() {
        CreateProduct product = command(Map.of("title", "T", "language", "en", "metadata", Map.of("k", "v")));
        assertThat(product.metadata().path("language").asString()).isEqualTo("en");
        assertThat(product.metadata().path("k").asString()).isEqualTo("v");
    }

    @Test
    void anIdIsMadeWhenNoneIsGiven() {
        assertThat(command(Map.of("title", "T")).productId()).hasSize(36);
    }

    /** Where the command keeps the value of {@code field}. */
    @Test
    void anUpdateKeepsWhatItDoesNotName() {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", "  New  ");
        body.put("catalog", "CAT-9");
        body.putObject("metadata").put("note", "n");
        body.put("edition", "Deluxe");

        UpdateProduct update = ProductForm.fromJson(body).toUpdate(JSON, "p-1");

        assertThat(update.productId()).isEqualTo("p-1");
        assertThat(update.title()).isEqualTo("New");
        assertThat(update.catalogNumber()).isEqualTo("CAT-9");
        assertThat(update.metadata().path("note").asString()).isEqualTo("n");
        assertThat(update.metadata().path("edition").asString()).isEqualTo("Deluxe");
        assertThat(update.type()).as("no default on an update").isNull();
        assertThat(update.status()).isNull();
        assertThat(update.explicit()).isNull();
        assertThat(update.artists()).as("absent: kept").isNull();
        assertThat(update.assets()).isNull();
        assertThat(update.upc()).isNull();
    }

    @Test
    void anUpdateRefusesBlankTextsAnotherIdAndAnEmptyBody() {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", " ");
        body.put("displayArtist", "");
        body.put("id", "p-2");
        body.putArray("assets");

        assertThatThrownBy(() -> ProductForm.fromJson(body).toUpdate(JSON, "p-1"))
                .isInstanceOfSatisfying(FormException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("title", "id", "displayArtist"));
        assertThatThrownBy(() -> ProductForm.fromJson(JSON.createObjectNode()).toUpdate(JSON, "p-1"))
                .isInstanceOfSatisfying(FormException.class, e -> assertThat(e.errors()).hasSize(1));
        ObjectNode idOnly = JSON.createObjectNode().put("id", "p-1").putNull("title");
        assertThatThrownBy(() -> ProductForm.fromJson(idOnly).toUpdate(JSON, "p-1"))
                .as("its own id and nulls change nothing").isInstanceOf(FormException.class);
        ObjectNode clearTracks = JSON.createObjectNode();
        clearTracks.putArray("assets");
        assertThat(ProductForm.fromJson(clearTracks).toUpdate(JSON, "p-1").assets()).as("given empty: none").isEmpty();
    }

    private static String kept(CreateProduct product, String field) {
        return switch (field) {
            case "title" -> product.title();
            case "id" -> product.productId();
            case "catalog", "catalogNumber" -> product.catalogNumber();
            case "externalId" -> product.externalId();
            case "displayArtist" -> product.displayArtist();
            case "version" -> product.version();
            case "mainGenre" -> product.mainGenre();
            case "subGenre" -> product.subGenre();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "T");
        body.put(field, value);
        return body;
    }

    private static CreateProduct command(Map<String, ?> body) {
        return ProductForm.fromJson(JSON.valueToTree(body)).toCommand(JSON);
    }

    private static List<String> fieldsOf(Map<String, ?> body) {
        return errorsOf(body).stream().map(FieldError::field).toList();
    }

    private static List<FieldError> errorsOf(Map<String, ?> body) {
        JsonNode node = JSON.valueToTree(body);
        try {
            ProductForm.fromJson((ObjectNode) node).toCommand(JSON);
        } catch (FormException e) {
            return e.errors();
        }
        throw new AssertionError("expected the form to be refused: " + body);
    }
}

package io.catalogingest.gateway.product;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.UpdateProduct;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.FormReader.Text;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The create-product form of Royalti's API, read from JSON or multipart/form-data into one JSON object, checked
 * for shape (every violation reported, per field) and turned into a {@link CreateProduct} command.
 */
final class ProductForm {

    static final int TITLE_MAX = 255;
    static final int SHORT_MAX = 100;
    static final int DISPLAY_ARTIST_MAX = 255;
    static final int MAX_ARTISTS = 50;
    static final int MAX_ASSETS = 500;

    private static final Pattern INDEXED = Pattern.compile("(artists|assets)\\[(\\d{1,4})]");
    private static final Set<String> JSON_VALUED = Set.of("contributors", "distribution", "metadata", "artists",
            "assets", "chartHistory", "producer", "engineer");
    private static final Set<String> FIELDS = Set.of("title", "id", "upc", "catalogNumber", "catalog",
            "externalId", "displayArtist", "type", "version", "explicit", "releaseDate", "takedownDate", "mainGenre",
            "subGenre", "status", "distribution", "contributors", "metadata", "artists", "assets", "label",
            "copyright", "publisher");
    /** Royalti's MEAD extras: accepted and kept in the product's metadata. */
    private static final Set<String> MEAD_FIELDS = Set.of("chartHistory", "totalTracks", "totalDiscs",
            "packageType", "edition", "reissue", "originalReleaseDate", "recordingLocation", "masteringLocation",
            "producer", "engineer", "sequenceNumber", "parentReleaseId", "language", "c_line_year", "p_line_year");

    private static final Set<String> KNOWN = Stream.concat(FIELDS.stream(), MEAD_FIELDS.stream())
            .collect(Collectors.toUnmodifiableSet());
    private static final String REFUSAL = "Invalid product";

    private final ObjectNode input;
    private final FormReader form;

    private ProductForm(ObjectNode input, List<FieldError> readErrors) {
        this.input = input;
        this.form = new FormReader(new ArrayList<>(readErrors));
    }

    /** The form as sent as JSON. */
    static ProductForm fromJson(JsonNode body) {
        return new ProductForm((ObjectNode) FormReader.body(body, REFUSAL), List.of());
    }

    /**
     * The form as sent as multipart/form-data: JSON-valued and indexed fields are parsed. Fields that cannot be
     * read are reported by {@link #toCommand(JsonMapper)} with every other violation.
     */
    static ProductForm fromMultipart(Map<String, List<String>> fields, JsonMapper json) {
        ObjectNode input = json.createObjectNode();
        List<FieldError> errors = new ArrayList<>();
        Map<String, TreeMap<Integer, JsonNode>> indexed = Map.of("artists", new TreeMap<>(), "assets", new TreeMap<>());
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String name = field.getKey();
            if (field.getValue().size() > 1) {
                errors.add(new FieldError(name, "was sent more than once"));
                continue;
            }
            String value = field.getValue().get(0);
            Matcher matcher = INDEXED.matcher(name);
            if (matcher.matches()) {
                parseJson(json, name, value, errors).ifPresent(node ->
                        indexed.get(matcher.group(1)).put(Integer.parseInt(matcher.group(2)), node));
            } else if (JSON_VALUED.contains(name)) {
                parseJson(json, name, value, errors).ifPresent(node -> input.set(name, node));
            } else {
                input.put(name, value);
            }
        }
        indexed.forEach((name, items) -> {
            if (!items.isEmpty()) {
                if (input.has(name)) {
                    errors.add(new FieldError(name, "give either " + name + " or " + name + "[i], not both"));
                }
                ArrayNode array = input.putArray(name);
                items.values().forEach(array::add);
            }
        });
        return new ProductForm(input, errors);
    }

    private static java.util.Optional<JsonNode> parseJson(JsonMapper json, String name, String value,
                                                          List<FieldError> errors) {
        try {
            return java.util.Optional.of(json.readTree(value));
        } catch (JacksonException e) {
            errors.add(new FieldError(name, "is not valid JSON"));
            return java.util.Optional.empty();
        }
    }

    /** The normalized input, for fingerprinting a request. */
    String canonical() {
        return input.toString();
    }

    boolean usesDeprecatedCatalog() {
        return input.has("catalog");
    }

    /**
     * @throws FormException with every violation found
     */
    CreateProduct toCommand(JsonMapper json) {
        form.unknownFields(input, null, KNOWN, "a product");
        String title = form.text(input, "title", Text.required(TITLE_MAX));
        String id = form.id(input, "id", true);
        String upc = form.gtin(form.text(input, "upc", Text.optional(14)), "upc");
        String catalogNumber = form.text(input, "catalogNumber", Text.optional(SHORT_MAX));
        String catalog = form.text(input, "catalog", Text.optional(SHORT_MAX));
        // catalog is the deprecated alias: catalogNumber wins when both are given (the answer carries Deprecation)
        String externalId = form.text(input, "externalId", Text.optional(SHORT_MAX));
        String displayArtist = form.text(input, "displayArtist", Text.optional(DISPLAY_ARTIST_MAX));
        String type = form.oneOf(input, "type", SHORT_MAX, List.of("Audio", "Video"), "Audio");
        String version = form.text(input, "version", Text.optional(SHORT_MAX));
        Boolean explicit = form.explicit(input.get("explicit"), "explicit");
        LocalDate releaseDate = form.date(input, "releaseDate", false);
        LocalDate takedownDate = form.date(input, "takedownDate", false);
        if (releaseDate != null && takedownDate != null && releaseDate.isAfter(takedownDate)) {
            form.add("takedownDate", "must not be before releaseDate");
        }
        String mainGenre = form.text(input, "mainGenre", Text.optional(SHORT_MAX));
        String subGenre = form.text(input, "subGenre", Text.optional(SHORT_MAX));
        String status = form.oneOf(input, "status", SHORT_MAX, List.of("active", "inactive", "pending"), "active");
        String label = form.text(input, "label", Text.optional(DISPLAY_ARTIST_MAX));
        String copyright = form.text(input, "copyright", Text.optional(DISPLAY_ARTIST_MAX));
        String publisher = form.text(input, "publisher", Text.optional(DISPLAY_ARTIST_MAX));
        List<ArtistRef> artists = artists();
        List<AssetRef> assets = assets(input.get("assets"), form);
        JsonNode contributors = form.objectOrArray(input.get("contributors"), "contributors");
        JsonNode distribution = form.object(input.get("distribution"), "distribution");
        JsonNode metadata = metadata(json);
        form.check(REFUSAL);
        return new CreateProduct(id != null ? id : UUID.randomUUID().toString(), title, upc,
                catalogNumber != null ? catalogNumber : catalog, externalId, displayArtist, type, version, explicit,
                releaseDate, takedownDate, mainGenre, subGenre, status, label, copyright, publisher, artists, assets,
                contributors, distribution, metadata);
    }

    /**
     * The form of {@code PUT /product/{id}}: the create form's fields, each optional (absent or null keeps the stored
     * value, a blank text is refused); {@code id}, if given, must be the product's own.
     *
     * @throws FormException with every violation found
     */
    UpdateProduct toUpdate(JsonMapper json, String productId) {
        form.unknownFields(input, null, KNOWN, "a product");
        String title = form.text(input, "title", given("title", TITLE_MAX));
        String id = form.id(input, "id", true);
        if (id != null && !id.equals(productId)) {
            form.add("id", "is the product's id and cannot be changed");
        }
        String upc = form.gtin(form.text(input, "upc", given("upc", 14)), "upc");
        String catalogNumber = form.text(input, "catalogNumber", given("catalogNumber", SHORT_MAX));
        String catalog = form.text(input, "catalog", given("catalog", SHORT_MAX));
        String externalId = form.text(input, "externalId", given("externalId", SHORT_MAX));
        String displayArtist = form.text(input, "displayArtist", given("displayArtist", DISPLAY_ARTIST_MAX));
        String type = form.oneOf(input, "type", SHORT_MAX, List.of("Audio", "Video"), null);
        String version = form.text(input, "version", given("version", SHORT_MAX));
        Boolean explicit = present("explicit") ? form.explicit(input.get("explicit"), "explicit") : null;
        LocalDate releaseDate = form.date(input, "releaseDate", false);
        LocalDate takedownDate = form.date(input, "takedownDate", false);
        if (releaseDate != null && takedownDate != null && releaseDate.isAfter(takedownDate)) {
            form.add("takedownDate", "must not be before releaseDate");
        }
        String mainGenre = form.text(input, "mainGenre", given("mainGenre", SHORT_MAX));
        String subGenre = form.text(input, "subGenre", given("subGenre", SHORT_MAX));
        String status = form.oneOf(input, "status", SHORT_MAX, List.of("active", "inactive", "pending"), null);
        String label = form.text(input, "label", given("label", DISPLAY_ARTIST_MAX));
        String copyright = form.text(input, "copyright", given("copyright", DISPLAY_ARTIST_MAX));
        String publisher = form.text(input, "publisher", given("publisher", DISPLAY_ARTIST_MAX));
        List<ArtistRef> artists = present("artists") ? artists() : null;
        List<AssetRef> assets = present("assets") ? assets(input.get("assets"), form) : null;
        JsonNode contributors = form.objectOrArray(input.get("contributors"), "contributors");
        JsonNode distribution = form.object(input.get("distribution"), "distribution");
        JsonNode metadata = metadata(json);
        if (input.propertyNames().stream().noneMatch(name -> !name.equals("id") && present(name))) {
            form.add(null, "the body changes nothing: give at least one field of the product");
        }
        form.check(REFUSAL);
        return new UpdateProduct(productId, title, upc, catalogNumber != null ? catalogNumber : catalog, externalId,
                displayArtist, type, version, explicit, releaseDate, takedownDate, mainGenre, subGenre, status, label,
                copyright, publisher, artists, assets, contributors, distribution, metadata);
    }

    /** A text field of an update: optional, but when it is given it may not be blank. */
    private Text given(String field, int max) {
        return present(field) ? Text.required(max) : Text.optional(max);
    }

    private boolean present(String field) {
        return input.has(field) && !input.get(field).isNull();
    }

    private List<ArtistRef> artists() {
        JsonNode node = input.get("artists");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            form.add("artists", "must be an array of {id, type}");
            return List.of();
        }
        if (!form.atMost(node.size(), MAX_ARTISTS, "artists", "artists")) {
            return List.of();
        }
        List<ArtistRef> artists = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "artists[" + i + "]";
            JsonNode artist = node.get(i);
            if (!artist.isObject()) {
                form.add(field, "must be an object {id, type}");
                continue;
            }
            String id = artist.path("id").isString() ? artist.get("id").asString().strip() : null;
            if (id == null || id.isEmpty() || id.length() > SHORT_MAX) {
                form.add(field + ".id", "is required (at most " + SHORT_MAX + " characters)");
                continue;
            }
            JsonNode typeNode = artist.get("type");
            String type = typeNode == null || typeNode.isNull() ? "primary"
                    : typeNode.isString() ? typeNode.asString().strip().toLowerCase(Locale.ROOT) : "";
            if (!type.equals("primary") && !type.equals("featuring")) {
                form.add(field + ".type", "must be primary or featuring");
                continue;
            }
            if (!seen.add(id)) {
                form.add(field + ".id", "names an artist twice");
                continue;
            }
            artists.add(new ArtistRef(id, type));
        }
        return artists;
    }

    /**
     * The track list of a form or of {@code PUT /product/{id}/assets}: {@code [{asset, number}]}, numbers 1-9999
     * (default: the position), no asset or number twice. Violations are added to {@code errors}.
     */
    static List<AssetRef> assets(JsonNode node, List<FieldError> errors) {
        return assets(node, new FormReader(errors));
    }

    private static List<AssetRef> assets(JsonNode node, FormReader form) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            form.add("assets", "must be an array of {asset, number}");
            return List.of();
        }
        if (!form.atMost(node.size(), MAX_ASSETS, "assets", "assets")) {
            return List.of();
        }
        List<AssetRef> assets = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "assets[" + i + "]";
            JsonNode asset = node.get(i);
            if (!asset.isObject()) {
                form.add(field, "must be an object {asset, number}");
                continue;
            }
            String id = asset.path("asset").isString() ? asset.get("asset").asString().strip() : null;
            if (id == null || id.isEmpty() || id.length() > SHORT_MAX) {
                form.add(field + ".asset", "is required (at most " + SHORT_MAX + " characters)");
                continue;
            }
            Integer number = form.wholeNumber(asset.get("number"), field + ".number", 1,
                    FormReader.TRACK_NUMBER_MAX, i + 1);
            if (number == null || !form.firstUseOf(number, numbers, field + ".number")) {
                continue;
            }
            if (!ids.add(id)) {
                form.add(field + ".asset", "names an asset twice");
                continue;
            }
            assets.add(new AssetRef(id, number));
        }
        return assets;
    }

    private JsonNode metadata(JsonMapper json) {
        JsonNode given = form.object(input.get("metadata"), "metadata");
        ObjectNode metadata = given == null ? json.createObjectNode() : ((ObjectNode) given).deepCopy();
        for (String mead : MEAD_FIELDS) {
            if (input.has(mead)) {
                metadata.set(mead, input.get(mead));
            }
        }
        return metadata.isEmpty() && given == null ? null : metadata;
    }
}

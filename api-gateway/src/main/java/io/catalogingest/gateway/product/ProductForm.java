package io.catalogingest.gateway.product;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.upc.Gtin;
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
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
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

    private final ObjectNode input;
    private final List<FieldError> errors = new ArrayList<>();

    private ProductForm(ObjectNode input, List<FieldError> readErrors) {
        this.input = input;
        this.errors.addAll(readErrors);
    }

    /** The form as sent as JSON. */
    static ProductForm fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new FormException(List.of(new FieldError(null, "the body must be a JSON object")));
        }
        return new ProductForm((ObjectNode) body, List.of());
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
        input.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name) && !MEAD_FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a product"));
            }
        });
        String title = text("title", 1, TITLE_MAX, true);
        String id = text("id", 1, SHORT_MAX, false);
        if (id != null && !PRODUCT_ID.matcher(id).matches()) {
            errors.add(new FieldError("id", "may only use letters, digits and . _ : - and must start with a letter or digit"));
        }
        String upc = text("upc", 1, 14, false);
        if (upc != null && !Gtin.isValid(upc)) {
            errors.add(new FieldError("upc", "must be a valid GTIN-12 or GTIN-13 (digits with a GS1 check digit)"));
        }
        String catalogNumber = text("catalogNumber", 0, SHORT_MAX, false);
        String catalog = text("catalog", 0, SHORT_MAX, false);
        // catalog is the deprecated alias: catalogNumber wins when both are given (the answer carries Deprecation)
        String externalId = text("externalId", 0, SHORT_MAX, false);
        String displayArtist = text("displayArtist", 0, DISPLAY_ARTIST_MAX, false);
        String type = oneOf("type", List.of("Audio", "Video"), "Audio");
        String version = text("version", 0, SHORT_MAX, false);
        Boolean explicit = explicit();
        LocalDate releaseDate = date("releaseDate");
        LocalDate takedownDate = date("takedownDate");
        if (releaseDate != null && takedownDate != null && releaseDate.isAfter(takedownDate)) {
            errors.add(new FieldError("takedownDate", "must not be before releaseDate"));
        }
        String mainGenre = text("mainGenre", 0, SHORT_MAX, false);
        String subGenre = text("subGenre", 0, SHORT_MAX, false);
        String status = oneOf("status", List.of("active", "inactive", "pending"), "active");
        String label = text("label", 0, DISPLAY_ARTIST_MAX, false);
        String copyright = text("copyright", 0, DISPLAY_ARTIST_MAX, false);
        String publisher = text("publisher", 0, DISPLAY_ARTIST_MAX, false);
        List<ArtistRef> artists = artists();
        List<AssetRef> assets = assets();
        JsonNode contributors = structure("contributors", true, true);
        JsonNode distribution = structure("distribution", true, false);
        JsonNode metadata = metadata(json);
        if (!errors.isEmpty()) {
            throw new FormException(errors);
        }
        return new CreateProduct(id != null ? id : UUID.randomUUID().toString(), title, upc,
                catalogNumber != null ? catalogNumber : catalog, externalId, displayArtist, type, version, explicit,
                releaseDate, takedownDate, mainGenre, subGenre, status, label, copyright, publisher, artists, assets,
                contributors, distribution, metadata);
    }

    private String text(String field, int min, int max, boolean required) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!node.isString() && !node.isNumber()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.asString().strip();
        if (value.isEmpty() && !required) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            errors.add(new FieldError(field, min > 0 && length < min
                    ? (required ? "is required" : "must not be empty")
                    : "must be at most " + max + " characters"));
            return null;
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            errors.add(new FieldError(field, "must not contain control characters"));
            return null;
        }
        return value;
    }

    private String oneOf(String field, List<String> allowed, String fallback) {
        String value = text(field, 1, SHORT_MAX, false);
        if (value == null) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed)));
        return null;
    }

    private Boolean explicit() {
        JsonNode node = input.get("explicit");
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            switch (node.asString().strip().toLowerCase(Locale.ROOT)) {
                case "true", "explicit" -> {
                    return true;
                }
                case "false", "clean", "" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        errors.add(new FieldError("explicit", "must be true, false, \"explicit\" or \"clean\""));
        return null;
    }

    private LocalDate date(String field) {
        String value = text(field, 0, 10, false);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    private List<ArtistRef> artists() {
        JsonNode node = input.get("artists");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError("artists", "must be an array of {id, type}"));
            return List.of();
        }
        if (node.size() > MAX_ARTISTS) {
            errors.add(new FieldError("artists", "at most " + MAX_ARTISTS + " artists"));
            return List.of();
        }
        List<ArtistRef> artists = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "artists[" + i + "]";
            JsonNode artist = node.get(i);
            if (!artist.isObject()) {
                errors.add(new FieldError(field, "must be an object {id, type}"));
                continue;
            }
            String id = artist.path("id").isString() ? artist.get("id").asString().strip() : null;
            if (id == null || id.isEmpty() || id.length() > SHORT_MAX) {
                errors.add(new FieldError(field + ".id", "is required (at most " + SHORT_MAX + " characters)"));
                continue;
            }
            JsonNode typeNode = artist.get("type");
            String type = typeNode == null || typeNode.isNull() ? "primary"
                    : typeNode.isString() ? typeNode.asString().strip().toLowerCase(Locale.ROOT) : "";
            if (!type.equals("primary") && !type.equals("featuring")) {
                errors.add(new FieldError(field + ".type", "must be primary or featuring"));
                continue;
            }
            if (!seen.add(id)) {
                errors.add(new FieldError(field + ".id", "names an artist twice"));
                continue;
            }
            artists.add(new ArtistRef(id, type));
        }
        return artists;
    }

    private List<AssetRef> assets() {
        return assets(input.get("assets"), errors);
    }

    /**
     * The track list of a form or of {@code PUT /product/{id}/assets}: {@code [{asset, number}]}, numbers 1-9999
     * (default: the position), no asset or number twice. Violations are added to {@code errors}.
     */
    static List<AssetRef> assets(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError("assets", "must be an array of {asset, number}"));
            return List.of();
        }
        if (node.size() > MAX_ASSETS) {
            errors.add(new FieldError("assets", "at most " + MAX_ASSETS + " assets"));
            return List.of();
        }
        List<AssetRef> assets = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "assets[" + i + "]";
            JsonNode asset = node.get(i);
            if (!asset.isObject()) {
                errors.add(new FieldError(field, "must be an object {asset, number}"));
                continue;
            }
            String id = asset.path("asset").isString() ? asset.get("asset").asString().strip() : null;
            if (id == null || id.isEmpty() || id.length() > SHORT_MAX) {
                errors.add(new FieldError(field + ".asset", "is required (at most " + SHORT_MAX + " characters)"));
                continue;
            }
            JsonNode numberNode = asset.get("number");
            int number = i + 1;
            if (numberNode != null && !numberNode.isNull()) {
                if (!numberNode.isIntegralNumber() || !numberNode.canConvertToLong()
                        || numberNode.asLong() < 1 || numberNode.asLong() > 9999) {
                    errors.add(new FieldError(field + ".number", "must be a whole number from 1 to 9999"));
                    continue;
                }
                number = numberNode.asInt();
            }
            if (!numbers.add(number)) {
                errors.add(new FieldError(field + ".number", "track number " + number + " is used twice"));
                continue;
            }
            if (!ids.add(id)) {
                errors.add(new FieldError(field + ".asset", "names an asset twice"));
                continue;
            }
            assets.add(new AssetRef(id, number));
        }
        return assets;
    }

    private JsonNode structure(String field, boolean objectAllowed, boolean arrayAllowed) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if ((objectAllowed && node.isObject()) || (arrayAllowed && node.isArray())) {
            return node;
        }
        errors.add(new FieldError(field, "must be a JSON " + (arrayAllowed ? "object or array" : "object")));
        return null;
    }

    private JsonNode metadata(JsonMapper json) {
        JsonNode given = structure("metadata", true, false);
        ObjectNode metadata = given == null ? json.createObjectNode() : ((ObjectNode) given).deepCopy();
        for (String mead : MEAD_FIELDS) {
            if (input.has(mead)) {
                metadata.set(mead, input.get(mead));
            }
        }
        return metadata.isEmpty() && given == null ? null : metadata;
    }

    /** Shape violations, all of them. */
    static final class FormException extends RuntimeException {

        private final List<FieldError> errors;

        FormException(List<FieldError> errors) {
            super("invalid product form");
            this.errors = List.copyOf(errors);
        }

        List<FieldError> errors() {
            return errors;
        }
    }
}

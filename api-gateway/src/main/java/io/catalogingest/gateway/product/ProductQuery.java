package io.catalogingest.gateway.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.web.FormReader;

/**
 * The parameters of {@code GET /product} (Royalti's list): page (from 1), size (1-100, default 10), sort (one of
 * Royalti's sortable fields, default updatedAt), order (asc|desc, default desc), q (matched, case-insensitively,
 * anywhere in title, displayArtist, upc and catalogNumber).
 */
record ProductQuery(int page, int size, String sort, String order, String search) {

    static final int MAX_SIZE = 100;
    private static final Map<String, String> SORTABLE = Map.of(
            "updatedAt", "updated_at", "createdAt", "created_at", "title", "title", "upc", "upc",
            "releaseDate", "release_date", "catalogNumber", "catalog_number", "displayArtist", "display_artist");

    /**
     * @throws ApiException 400 naming every bad parameter
     */
    static ProductQuery of(String page, String size, String sort, String order, String q) {
        List<FieldError> errors = new ArrayList<>();
        FormReader parameters = new FormReader(errors);
        int pageNumber = parameters.wholeNumberParameter(page, "page", 1, Integer.MAX_VALUE / MAX_SIZE, 1);
        int pageSize = parameters.wholeNumberParameter(size, "size", 1, MAX_SIZE, 10);
        String sortField = sort == null || sort.isBlank() ? "updatedAt" : sort.strip();
        if (!SORTABLE.containsKey(sortField)) {
            errors.add(new FieldError("sort", "must be one of " + String.join(", ", SORTABLE.keySet().stream()
                    .sorted().toList())));
        }
        String direction = order == null || order.isBlank() ? "desc" : order.strip().toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            errors.add(new FieldError("order", "must be asc or desc"));
        }
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 255) {
            errors.add(new FieldError("q", "must be at most 255 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid list parameters", errors);
        }
        return new ProductQuery(pageNumber, pageSize, sortField, direction, search);
    }

    /** The SQL order: a whitelisted column, then the id so pages never overlap. */
    String orderBy() {
        return SORTABLE.get(sort) + " " + order + " nulls last, id " + order;
    }
}

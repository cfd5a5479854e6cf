package io.catalogingest.gateway.artist;

import java.util.List;
import java.util.Map;

import io.catalogingest.gateway.web.FormReader;

/**
 * The parameters of {@code GET /artist}, Royalti's general catalog list: {@code page} (from 1), {@code size} (1-100,
 * default 10), {@code sort} (updatedAt, createdAt or name; default updatedAt), {@code order} (asc|desc, default desc)
 * and {@code q} (matched, case-insensitively, anywhere in the name or the id).
 */
record ArtistQuery(int page, int size, String sort, String order, String search) {

    static final int MAX_SIZE = 100;
    static final int SEARCH_MAX = 255;
    private static final Map<String, String> SORTABLE = Map.of("updatedAt", "updated_at", "createdAt", "created_at",
            "name", "name");

    /**
     * @throws io.catalogingest.gateway.web.FormException 400 naming every bad parameter
     */
    static ArtistQuery of(String page, String size, String sort, String order, String q) {
        FormReader parameters = new FormReader();
        int pageNumber = parameters.wholeNumberParameter(page, "page", 1, Integer.MAX_VALUE / MAX_SIZE, 1);
        int pageSize = parameters.wholeNumberParameter(size, "size", 1, MAX_SIZE, 10);
        String sortField = parameters.oneOfParameter(sort, "sort", List.of("updatedAt", "createdAt", "name"),
                "updatedAt");
        String direction = parameters.oneOfParameter(order, "order", List.of("asc", "desc"), "desc");
        String search = parameters.textParameter(q, "q", SEARCH_MAX);
        parameters.check("Invalid list parameters");
        return new ArtistQuery(pageNumber, pageSize, sortField, direction, search);
    }

    /** The SQL order: a whitelisted column, then the id so pages never overlap. */
    String orderBy() {
        return SORTABLE.get(sort) + " " + order + ", id " + order;
    }

    long offset() {
        return (long) (page - 1) * size;
    }
}

package io.catalogingest.gateway.asset;

import java.util.List;
import java.util.Map;

import io.catalogingest.gateway.web.FormReader;

/**
 * The parameters of {@code GET /asset} as Royalti documents them: {@code page} (from 1), {@code limit} (1-100, default
 * 10), {@code sort} (createdAt, updatedAt, title, displayArtist or isrc; default createdAt), {@code order} (asc|desc,
 * default desc), {@code search} (matched, case-insensitively, anywhere in the title, display artist, ISRC or id) and
 * {@code type} (Audio|Video).
 */
record AssetQuery(int page, int limit, String sort, String order, String search, String type) {

    static final int MAX_LIMIT = 100;
    static final int SEARCH_MAX = 255;
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at", "updatedAt", "updated_at",
            "title", "title", "displayArtist", "display_artist", "isrc", "isrc");

    /**
     * @throws io.catalogingest.gateway.web.FormException 400 naming every bad parameter
     */
    static AssetQuery of(String page, String limit, String sort, String order, String search, String type) {
        FormReader parameters = new FormReader();
        int pageNumber = parameters.wholeNumberParameter(page, "page", 1, Integer.MAX_VALUE / MAX_LIMIT, 1);
        int pageSize = parameters.wholeNumberParameter(limit, "limit", 1, MAX_LIMIT, 10);
        String sortField = parameters.oneOfParameter(sort, "sort",
                List.of("createdAt", "updatedAt", "title", "displayArtist", "isrc"), "createdAt");
        String direction = parameters.oneOfParameter(order, "order", List.of("asc", "desc"), "desc");
        String term = parameters.textParameter(search, "search", SEARCH_MAX);
        String assetType = parameters.oneOfParameter(type, "type", AssetForm.TYPES, null);
        parameters.check("Invalid list parameters");
        return new AssetQuery(pageNumber, pageSize, sortField, direction, term, assetType);
    }

    /** The SQL order: a whitelisted column, then the id so pages never overlap. */
    String orderBy() {
        return SORTABLE.get(sort) + " " + order + " nulls last, id " + order;
    }

    long offset() {
        return (long) (page - 1) * limit;
    }
}
